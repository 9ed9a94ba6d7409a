import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PackLoadError } from './pack-errors.ts';
import { readManifest, type PackManifest } from './pack-manifest.ts';

export interface FoundPack {
  manifest: PackManifest;
  dir: string;
}

export interface PackSelection {
  /** the folder holding one sub-folder per pack */
  dir: string;
  /** PACKS_DIR was given: then the folder must exist */
  mustExist: boolean;
  /** 'all', 'none' or these pack ids */
  packs: 'all' | 'none' | readonly string[];
}

/**
 * The packs under `dir`: every sub-folder with a pack.json, checked, selected, and ordered so a
 * pack comes after the packs it requires. Every problem is collected before throwing.
 */
export function discoverPacks(s: PackSelection): FoundPack[] {
  if (s.packs === 'none') return [];
  if (!existsSync(s.dir)) {
    if (s.mustExist) throw new PackLoadError([`the packs folder ${s.dir} (PACKS_DIR) does not exist`]);
    return [];
  }
  const problems: string[] = [];
  const found: FoundPack[] = [];
  const folders = readdirSync(s.dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules' && existsSync(join(s.dir, d.name, 'pack.json')))
    .map((d) => d.name)
    .sort();
  for (const name of folders) {
    const dir = join(s.dir, name);
    const { manifest, problems: p } = readManifest(dir);
    problems.push(...p);
    if (!manifest) continue;
    const twin = found.find((f) => f.manifest.id === manifest.id);
    if (twin) problems.push(`${dir}: pack id '${manifest.id}' is also the id of ${twin.dir}`);
    else found.push({ manifest, dir });
  }
  const wanted = s.packs === 'all' ? found : found.filter((f) => s.packs.includes(f.manifest.id));
  // (a pack whose pack.json is broken has no id to compare: its own problem says enough)
  if (s.packs !== 'all' && problems.length === 0) for (const id of s.packs) if (!found.some((f) => f.manifest.id === id)) problems.push(`PACKS names '${id}', but ${s.dir} has no pack with that id`);
  const ordered = dependencyOrder(wanted, problems);
  if (problems.length > 0) throw new PackLoadError(problems);
  return ordered;
}

/** required packs first; a requirement that is not selected, or a cycle, is a problem */
function dependencyOrder(packs: FoundPack[], problems: string[]): FoundPack[] {
  const byId = new Map(packs.map((p) => [p.manifest.id, p]));
  const out: FoundPack[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: FoundPack, path: string[]) => {
    const id = p.manifest.id;
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      problems.push(`packs require each other in a loop: ${[...path, id].join(' → ')}`);
      return;
    }
    state.set(id, 'visiting');
    for (const need of p.manifest.requirements?.packs ?? []) {
      const dep = byId.get(need);
      if (!dep) problems.push(`${join(p.dir, 'pack.json')}: requires the pack '${need}', which is not installed with it (not found, or left out by PACKS)`);
      else visit(dep, [...path, id]);
    }
    state.set(id, 'done');
    out.push(p);
  };
  for (const p of packs) visit(p, []);
  return out;
}
