import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkPlugin, type PluginDefinition } from '@liuzhuan/plugin-sdk';

/** a startup problem with the plugins; the message lists every problem found */
export class PluginLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? `plugins: ${problems[0]}` : `plugins: ${problems.length} problems\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PluginLoadError';
  }
}

export interface FoundPlugin {
  definition: PluginDefinition;
  /** the package name and folder it came from */
  packageName: string;
  dir: string;
}

interface PackageJson {
  name?: string;
  liuzhuan?: { plugin?: unknown };
}

/**
 * The plugin packages in `dir`: each sub-folder whose package.json names an entry in
 * `liuzhuan.plugin`, imported, its default export checked. Collects every problem before
 * throwing, so one start shows them all.
 */
export async function discoverPlugins(dir: string, opts: { mustExist: boolean }): Promise<FoundPlugin[]> {
  if (!existsSync(dir)) {
    if (opts.mustExist) throw new PluginLoadError([`the plugins folder ${dir} (PLUGINS_DIR) does not exist`]);
    return [];
  }
  const problems: string[] = [];
  const found: FoundPlugin[] = [];
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
    .map((d) => d.name)
    .sort();
  for (const name of folders) {
    const pkgDir = join(dir, name);
    const pkgFile = join(pkgDir, 'package.json');
    if (!existsSync(pkgFile)) continue;
    let pkg: PackageJson;
    try {
      pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as PackageJson;
    } catch (e) {
      problems.push(`${pkgFile}: not valid JSON (${(e as Error).message})`);
      continue;
    }
    const entry = pkg.liuzhuan?.plugin;
    if (entry === undefined) continue;
    const where = `${pkg.name ?? name} (${pkgDir})`;
    if (typeof entry !== 'string' || entry === '') {
      problems.push(`${where}: liuzhuan.plugin must be the path of the entry module`);
      continue;
    }
    const file = resolve(pkgDir, entry);
    if (relative(pkgDir, file).startsWith(`..${sep}`) || !existsSync(file)) {
      problems.push(`${where}: the entry ${entry} is not a file inside the package`);
      continue;
    }
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    } catch (e) {
      problems.push(`${where}: cannot load ${entry}: ${(e as Error).message}`);
      continue;
    }
    const bad = checkPlugin(mod.default);
    if (bad.length > 0) {
      problems.push(...bad.map((p) => `${where}: ${p}`));
      continue;
    }
    found.push({ definition: mod.default as PluginDefinition, packageName: pkg.name ?? name, dir: pkgDir });
  }
  if (problems.length > 0) throw new PluginLoadError(problems);
  return found;
}
