import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules of ARCHITECTURE.md, checked over every TypeScript file:
 * - engine imports nothing from the workspace;
 * - runtime and tests use the engine through its root entry only (`@liuzhuan/engine`);
 * - no package reaches into another one's folder with a relative path.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const PACKAGES = ['engine', 'runtime', 'tests'];

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
        if (!target.startsWith(`${pkg}/`)) found.push(`${where}: reaches outside ${pkg}/`);
        continue;
      }
      if (spec.startsWith('@liuzhuan/')) {
        if (pkg === 'engine') found.push(`${where}: the engine imports nothing from the workspace`);
        else if (spec !== '@liuzhuan/engine' && spec !== '@liuzhuan/runtime') found.push(`${where}: only package root entries may be imported`);
      }
    }
  }
  return found;
}

describe('dependency boundaries', () => {
  for (const pkg of PACKAGES) {
    it(`${pkg} keeps to its boundaries`, () => {
      expect(violations(pkg)).toEqual([]);
    });
  }
});
