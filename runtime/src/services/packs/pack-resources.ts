import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployResource } from '@liuzhuan/engine';
import type { FoundPack } from './pack-discovery.ts';

/** the folders of a pack that are deployed, and the files each holds */
const DEPLOYED = [
  { folder: 'processes', file: /\.bpmn$/i },
  { folder: 'forms', file: /\.form$/i },
  { folder: 'entities', file: /\.entity\.json$/i },
] as const;

export interface PackResources {
  /** every deployed file, named `<pack id>/<folder>/<file>` */
  resources: DeployResource[];
  /** the process ids of the BPMN files (read for the checks; the engine compiles them) */
  processKeys: string[];
  problems: string[];
}

// the ids of executable processes and the form references, as written; the engine's own
// parse decides on deployment, these only give friendly messages before it
const PROCESS = /<(?:[A-Za-z_][\w.-]*:)?process\b([^>]*)>/g;
const ATTR = (name: string) => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`);
const FORM_REF = /\bcamunda:formRef\s*=\s*"([^"]+)"/g;

function files(dir: string, file: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && file.test(d.name))
    .map((d) => d.name)
    .sort();
}

/**
 * Reads the deployed files of a pack and checks what belongs to the pack itself: every process
 * key is `<pack>-<name>` and used once, the startable keys are processes of the pack, every form
 * has an id used once, and every camunda:formRef names a form of the pack (a pack carries its
 * forms, so it installs on an empty system).
 */
export function readPackResources(pack: FoundPack): PackResources {
  const { id, startable } = pack.manifest;
  const problems: string[] = [];
  const resources: DeployResource[] = [];
  const processKeys: string[] = [];
  const formIds = new Map<string, string>();
  const formRefs: { file: string; ref: string }[] = [];
  for (const { folder, file } of DEPLOYED) {
    for (const name of files(join(pack.dir, folder), file)) {
      const path = join(pack.dir, folder, name);
      const content = readFileSync(path);
      resources.push({ name: `${id}/${folder}/${name}`, content: new Uint8Array(content) });
      const text = content.toString('utf8');
      if (folder === 'processes') {
        for (const m of text.matchAll(PROCESS)) {
          const attrs = m[1] ?? '';
          if (ATTR('isExecutable').exec(attrs)?.[1] !== 'true') continue;
          const key = ATTR('id').exec(attrs)?.[1] ?? '';
          if (!key.startsWith(`${id}-`) || key.length === id.length + 1) problems.push(`${path}: process key '${key}' must be '${id}-<name>' (the pack id, a dash, a name)`);
          if (processKeys.includes(key)) problems.push(`${path}: process key '${key}' is used by another process of the pack`);
          processKeys.push(key);
        }
        for (const m of text.matchAll(FORM_REF)) formRefs.push({ file: path, ref: m[1]! });
      } else if (folder === 'forms') {
        let formId: unknown;
        try {
          const json = JSON.parse(text.replace(/^\uFEFF/, '')) as { id?: unknown; components?: unknown };
          if (!Array.isArray(json.components)) problems.push(`${path}: not a form-js form (no components)`);
          formId = json.id;
        } catch (e) {
          problems.push(`${path}: not valid JSON (${(e as Error).message})`);
          continue;
        }
        if (typeof formId !== 'string' || formId === '') problems.push(`${path}: the form has no id (camunda:formRef names forms by id)`);
        else if (formIds.has(formId)) problems.push(`${path}: form id '${formId}' is also the id of ${formIds.get(formId)}`);
        else formIds.set(formId, path);
      }
    }
  }
  if (processKeys.length === 0) problems.push(`${pack.dir}: the pack has no executable process in processes/*.bpmn`);
  for (const key of startable) if (!processKeys.includes(key)) problems.push(`${join(pack.dir, 'pack.json')}: startable names '${key}', which is not a process of the pack`);
  for (const r of formRefs) if (!formIds.has(r.ref)) problems.push(`${r.file}: camunda:formRef '${r.ref}' names no form in ${join(pack.dir, 'forms')}`);
  return { resources, processKeys, problems };
}
