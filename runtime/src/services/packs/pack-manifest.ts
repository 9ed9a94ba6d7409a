import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeErrors, Type, type Static } from '@liuzhuan/plugin-sdk';

/** a pack id: what BPMN keys start with (`oa` → `oa-leave`) */
export const PACK_ID = /^[a-z][a-z0-9]{0,30}$/;
const NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * `pack.json`: the pack folder is the manifest, so this holds only what the folder cannot say —
 * id, version, the pack's name per locale, what it needs, and which processes the catalogue
 * offers employees (the others are started by other processes or events).
 */
export const PackManifestSchema = Type.Object(
  {
    id: Type.String({ pattern: PACK_ID.source, description: 'lower-case letters and digits; every BPMN key of the pack is `<id>-<name>`' }),
    version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?$', description: 'semantic version of the pack' }),
    name: Type.Record(Type.String({ pattern: '^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$' }), Type.String({ minLength: 1, maxLength: 100 }), { minProperties: 1, description: 'the name per locale: { "zh-CN": …, "en": … }' }),
    requirements: Type.Optional(
      Type.Object(
        {
          plugins: Type.Optional(Type.Array(Type.String({ pattern: NAME.source }), { uniqueItems: true, description: 'plugins whose topics the models use' })),
          packs: Type.Optional(Type.Array(Type.String({ pattern: PACK_ID.source }), { uniqueItems: true, description: 'packs installed before this one' })),
        },
        { additionalProperties: false },
      ),
    ),
    startable: Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { uniqueItems: true, description: 'the process keys employees start from the catalogue' }),
  },
  { additionalProperties: false },
);

export type PackManifest = Static<typeof PackManifestSchema>;

/** reads and checks `<dir>/pack.json`; problems are returned, each naming the file */
export function readManifest(dir: string): { manifest: PackManifest | null; problems: string[] } {
  const file = join(dir, 'pack.json');
  if (!existsSync(file)) return { manifest: null, problems: [`${file}: missing (a pack folder holds a pack.json)`] };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    return { manifest: null, problems: [`${file}: not valid JSON (${(e as Error).message})`] };
  }
  const errors = describeErrors(PackManifestSchema, json, 'pack.json');
  if (errors.length > 0) return { manifest: null, problems: errors.map((e) => `${file}: ${e}`) };
  return { manifest: json as PackManifest, problems: [] };
}
