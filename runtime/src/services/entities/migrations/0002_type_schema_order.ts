/**
 * 0002 — an entity type's schema as `json`, not `jsonb`: jsonb sorts object keys (shorter keys
 * first), which loses the order the author declared the properties in — the order of the
 * generated form's fields and the record table's columns. `json` keeps the text as written.
 * Types stored before this keep the order jsonb gave them; a redeploy of the same schema is
 * the same version (the hash is over canonical JSON), so it does not restore the order.
 */
export const name = '0002_type_schema_order';

export const up: string[] = [`ALTER TABLE entity_types ALTER COLUMN schema TYPE json USING schema::json`];
