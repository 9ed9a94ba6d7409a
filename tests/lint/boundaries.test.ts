import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules of ARCHITECTURE.md, checked over every TypeScript file:
 * - engine imports nothing from the workspace;
 * - runtime and tests use the engine through its root entry only (`@liuzhuan/engine`); the
 *   runtime also uses the plugin sdk (`@liuzhuan/plugin-sdk`) to host plugins;
 * - plugins/sdk imports nothing of ours; plugins/<x> import only `@liuzhuan/plugin-sdk` (and
 *   npm packages);
 * - no package reaches into another one's folder with a relative path.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const PLUGINS = readdirSync(join(ROOT, 'plugins'))
  .filter((d) => statSync(join(ROOT, 'plugins', d)).isDirectory() && existsSync(join(ROOT, 'plugins', d, 'package.json')))
  .map((d) => `plugins/${d}`);
const PACKAGES = ['engine', 'runtime', 'tests', ...PLUGINS];

/** the workspace packages each package may import (by their root entry only) */
function allowed(pkg: string): string[] {
  if (pkg === 'engine' || pkg === 'plugins/sdk') return [];
  if (pkg.startsWith('plugins/')) return ['@liuzhuan/plugin-sdk'];
  if (pkg === 'runtime') return ['@liuzhuan/engine', '@liuzhuan/plugin-sdk'];
  return ['@liuzhuan/engine', '@liuzhuan/runtime'];
}

/** folders a package may import by relative path: tests/designer/ runs the designer's pure simple-mode model (no Vue, no package entry) in node */
const REACH_ALLOWED: Record<string, string[]> = { tests: ['designer/src/simple/'] };

function* tsFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* tsFiles(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

function violations(pkg: string): string[] {
  const found: string[] = [];
  for (const file of tsFiles(join(ROOT, pkg))) {
    for (const spec of imports(file)) {
      const where = `${relative(ROOT, file)} imports '${spec}'`;
      if (spec.startsWith('.')) {
        const target = relative(ROOT, resolve(join(file, '..'), spec));
        if (!target.startsWith(`${pkg}/`) && !(REACH_ALLOWED[pkg] ?? []).some((p) => target.startsWith(p))) found.push(`${where}: reaches outside ${pkg}/`);
        continue;
      }
      if (spec.startsWith('@liuzhuan/')) {
        const ok = allowed(pkg);
        if (ok.length === 0) found.push(`${where}: ${pkg} imports nothing from the workspace`);
        else if (!ok.includes(spec)) found.push(`${where}: ${pkg} may import only ${ok.join(', ')} (root entries)`);
      }
    }
  }
  return found;
}

describe('dependency boundaries', () => {
  it('sees the plugin packages', () => {
    expect(PLUGINS).toEqual(expect.arrayContaining(['plugins/sdk', 'plugins/http', 'plugins/mail', 'plugins/log']));
  });

  for (const pkg of PACKAGES) {
    it(`${pkg} keeps to its boundaries`, () => {
      expect(violations(pkg)).toEqual([]);
    });
  }
});
