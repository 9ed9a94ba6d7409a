/**
 * 0001 — the generic entity store: type versions, records (JSONB), their history, and the
 * normalised match keys duplicate detection looks up. Per-type expression indexes (x-index) are
 * created when a type is deployed, not here (see records-index.ts).
 */
export const name = '0001_entities';

export const up: string[] = [
  `CREATE TABLE entity_types (
     name text NOT NULL,
     version integer NOT NULL,
     schema jsonb NOT NULL,
     hash text NOT NULL,
     deployment_id text,
     created_at timestamptz(3) NOT NULL,
     PRIMARY KEY (name, version)
   )`,
  `CREATE TABLE entity_records (
     id uuid PRIMARY KEY,
     type text NOT NULL,
     version integer NOT NULL,
     type_version integer NOT NULL,
     data jsonb NOT NULL,
     search text NOT NULL DEFAULT '',
     owner text,
     team text,
     created_at timestamptz(3) NOT NULL,
     created_by text NOT NULL,
     updated_at timestamptz(3) NOT NULL,
     updated_by text NOT NULL,
     deleted_at timestamptz(3)
   )`,
  `CREATE INDEX entity_records_type_created ON entity_records (type, created_at, id)`,
  `CREATE INDEX entity_records_owner ON entity_records (type, owner) WHERE owner IS NOT NULL`,
  `CREATE INDEX entity_records_team ON entity_records (type, team) WHERE team IS NOT NULL`,
  `CREATE TABLE entity_history (
     record_id uuid NOT NULL,
     version integer NOT NULL,
     action text NOT NULL,
     actor text NOT NULL,
     at timestamptz(3) NOT NULL,
     changes jsonb NOT NULL,
     PRIMARY KEY (record_id, version)
   )`,
  `CREATE TABLE entity_match_keys (
     type text NOT NULL,
     key text NOT NULL,
     record_id uuid NOT NULL,
     PRIMARY KEY (record_id, key)
   )`,
  `CREATE INDEX entity_match_keys_lookup ON entity_match_keys (type, key)`,
];
