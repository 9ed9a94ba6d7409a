import { LzError } from '@liuzhuan/engine';
import type { EntitiesService } from './entities.service.ts';
import type { EntitySchema, FieldError } from './types.ts';

export const ENTITY_FILE = /\.entity\.json$/i;

export interface EntityFileProblem {
  file: string;
  path: string;
  message: string;
}

/**
 * `*.entity.json` resources of an ordinary deployment: every one is parsed, checked (x-ref may
 * name a type of the same deployment) and dry-run deployed (the compatibility check over the
 * stored records) BEFORE the engine deploys anything; any problem → 400 naming the file and the
 * JSON pointer. Answers the schemas in deployment order (referenced types first).
 */
export async function checkEntityFiles(entities: EntitiesService, resources: { name: string; content: Uint8Array | string }[]): Promise<EntitySchema[]> {
  const files = resources.filter((r) => ENTITY_FILE.test(r.name));
  if (files.length === 0) return [];
  const problems: EntityFileProblem[] = [];
  const parsed: { file: string; schema: EntitySchema }[] = [];
  for (const f of files) {
    try {
      const text = typeof f.content === 'string' ? f.content : new TextDecoder('utf-8', { fatal: true }).decode(f.content);
      parsed.push({ file: f.name, schema: JSON.parse(text.replace(/^\uFEFF/, '')) as EntitySchema });
    } catch (e) {
      problems.push({ file: f.name, path: '', message: `not a JSON document: ${(e as Error).message.slice(0, 200)}` });
    }
  }
  const names = parsed.map((p) => (p.schema && typeof p.schema === 'object' ? p.schema['x-entity'] : undefined)).filter((n): n is string => typeof n === 'string');
  const seen = new Set<string>();
  for (const p of parsed) {
    const n = p.schema?.['x-entity'];
    if (typeof n === 'string' && seen.has(n)) problems.push({ file: p.file, path: '/x-entity', message: `the type '${n}' is in this deployment twice` });
    if (typeof n === 'string') seen.add(n);
    for (const e of entities.checkType(p.schema, { alsoKnown: names })) problems.push({ file: p.file, ...e });
  }
  const ordered = problems.length === 0 ? order(parsed) : parsed;
  if (problems.length === 0) {
    for (const p of ordered) {
      try {
        await entities.deployType(p.schema, { alsoKnown: names, dryRun: true });
      } catch (e) {
        if (!(e instanceof LzError)) throw e;
        const errs = (Array.isArray(e.details.errors) ? e.details.errors : [{ path: '', message: e.message }]) as FieldError[];
        for (const x of errs) problems.push({ file: p.file, path: x.path, message: `${e.code}: ${x.message}` });
      }
    }
  }
  if (problems.length > 0) {
    throw new LzError('LZ_ERR_ENTITY_TYPE_INVALID', problems.map((p) => `${p.file} ${p.path || '/'}: ${p.message}`).join('; ').slice(0, 1000), {
      errors: problems.map((p) => ({ path: `${p.file}#${p.path}`, message: p.message })),
    });
  }
  return ordered.map((p) => p.schema);
}

/** referenced types first, so each x-ref exists when its type is stored */
function order(list: { file: string; schema: EntitySchema }[]): { file: string; schema: EntitySchema }[] {
  const byName = new Map(list.map((p) => [p.schema['x-entity'], p]));
  const out: typeof list = [];
  const visiting = new Set<string>();
  const visit = (p: (typeof list)[number]) => {
    const n = p.schema['x-entity'];
    if (out.includes(p) || visiting.has(n)) return;
    visiting.add(n);
    for (const prop of Object.values(p.schema.properties)) {
      const ref = prop['x-ref'] ?? (prop.items as Record<string, unknown> | undefined)?.['x-ref'];
      const dep = typeof ref === 'string' ? byName.get(ref) : undefined;
      if (dep && dep !== p) visit(dep);
    }
    out.push(p);
  };
  list.forEach(visit);
  return out;
}

/** after the engine deployed: store each type version with the deployment id */
export async function registerEntityFiles(entities: EntitiesService, schemas: EntitySchema[], deploymentId: string): Promise<void> {
  for (const s of schemas) await entities.deployType(s, { deploymentId, alsoKnown: schemas.map((x) => x['x-entity']) });
}
