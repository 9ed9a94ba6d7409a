import { refsOf } from './schema-check.ts';
import { UUID } from './records.repo.ts';
import type { EntitySchema, FieldError } from './types.ts';

type Q = <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

/**
 * x-ref checks for many records at once: one query per referenced type, whatever the batch size
 * (the import's 500-row batches). A reference must name an existing, not deleted record of the
 * type; the answer is per row, with the JSON pointer of each bad reference.
 */
export async function referenceErrors(q: Q, schema: EntitySchema, rows: Record<string, unknown>[]): Promise<FieldError[][]> {
  const out: FieldError[][] = rows.map(() => []);
  const refs = refsOf(schema);
  if (refs.length === 0) return out;
  const wanted = new Map<string, Set<string>>();
  const uses: { row: number; path: string; type: string; id: unknown }[] = [];
  rows.forEach((data, row) => {
    for (const r of refs) {
      const v = data[r.field];
      if (v === undefined || v === null) continue;
      const list = r.many && Array.isArray(v) ? v.map((id, i) => ({ id, path: `/${r.field}/${i}` })) : [{ id: v, path: `/${r.field}` }];
      for (const u of list) {
        uses.push({ row, path: u.path, type: r.type, id: u.id });
        if (typeof u.id === 'string' && UUID.test(u.id)) {
          let s = wanted.get(r.type);
          if (!s) wanted.set(r.type, (s = new Set()));
          s.add(u.id.toLowerCase());
        }
      }
    }
  });
  const found = new Map<string, Set<string>>();
  for (const [type, ids] of wanted) {
    const hit = await q<{ id: string }>(`SELECT id::text AS id FROM entity_records WHERE type = $1 AND deleted_at IS NULL AND id = ANY($2::uuid[])`, [type, [...ids]]);
    found.set(type, new Set(hit.map((h) => h.id)));
  }
  for (const u of uses) {
    const ok = typeof u.id === 'string' && found.get(u.type)?.has(u.id.toLowerCase());
    if (!ok) out[u.row]!.push({ path: u.path, message: `no ${u.type} record with id '${String(u.id).slice(0, 60)}'` });
  }
  return out;
}
