import type { EntitySchema } from './types.ts';

/**
 * Normalised match keys for duplicate detection (x-match). A field's kind decides the rule:
 * emails (format email, or a name containing "email") lower-cased and trimmed; phones (a name
 * containing phone/mobile/tel) digits only with a leading 86 / +86 / 0086 country code dropped;
 * everything else as a name: NFKC, trimmed, inner whitespace collapsed, lower-cased.
 * A record is a duplicate when ANY one x-match field matches (same email, or same phone): the
 * way CRM imports treat contacts.
 */
export function normalise(kind: 'email' | 'phone' | 'name', v: unknown): string | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v);
  let out: string;
  if (kind === 'email') out = s.trim().toLowerCase();
  else if (kind === 'phone') {
    out = s.replace(/\D/g, '');
    // +86 and 0086 arrive as 86… / 0086… once the plus is gone; a mainland mobile is 11 digits
    if (out.startsWith('0086')) out = out.slice(4);
    else if (out.startsWith('86') && out.length > 11) out = out.slice(2);
  } else out = s.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
  return out.length > 0 ? out : null;
}

export function kindOf(field: string, prop: Record<string, unknown> | undefined): 'email' | 'phone' | 'name' {
  if (prop?.format === 'email' || /email/i.test(field)) return 'email';
  if (/phone|mobile|tel/i.test(field)) return 'phone';
  return 'name';
}

/** the keys `field:normalised` (field names hold no colon) of one record (stored in entity_match_keys) */
export function matchKeys(schema: EntitySchema, data: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const f of schema['x-match'] ?? []) {
    const n = normalise(kindOf(f, schema.properties[f]), data[f]);
    if (n !== null) keys.push(`${f}:${n}`);
  }
  return [...new Set(keys)];
}
