import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * ARCHITECTURE.md: the designer never imports engine code (route preview and validation run on
 * the server) and reaches the runtime only for the shapes of its API, type-only, from
 * runtime/src/api-types/ — nothing of the server ends up in the browser bundle.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'designer/src');

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (/\.(ts|vue)$/.test(name)) yield p;
  }
}

/** every import statement of a file: whether it is type-only, and what it names */
function imports(text: string): { typeOnly: boolean; spec: string }[] {
  const out: { typeOnly: boolean; spec: string }[] = [];
  for (const m of text.matchAll(/^\s*import\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gms)) out.push({ typeOnly: !!m[1], spec: m[2]! });
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ typeOnly: false, spec: m[1]! });
  return out;
}

function violations(): string[] {
  const found: string[] = [];
  for (const file of sources(SRC)) {
    for (const { typeOnly, spec } of imports(readFileSync(file, 'utf8'))) {
      const where = `${relative(ROOT, file)} imports '${spec}'`;
      if (spec.startsWith('@liuzhuan/')) found.push(`${where}: no workspace package in the browser`);
      if (!spec.startsWith('.')) continue;
      const target = relative(ROOT, resolve(join(file, '..'), spec));
      if (target.startsWith('designer/')) continue;
      if (!target.startsWith('runtime/src/api-types/')) found.push(`${where}: reaches outside designer/`);
      else if (!typeOnly) found.push(`${where}: api-types are imported with \`import type\` only`);
    }
  }
  return found;
}

describe('designer boundaries', () => {
  it('imports no engine or runtime code, only API types, type-only', () => {
    expect(violations()).toEqual([]);
  });

  it('sees the imports it checks (the scan is not blind)', () => {
    const all = [...sources(SRC)].flatMap((f) => imports(readFileSync(f, 'utf8')));
    expect(all.some((i) => i.typeOnly && i.spec.includes('runtime/src/api-types/'))).toBe(true);
    expect(all.some((i) => i.spec === 'bpmn-js/lib/Modeler')).toBe(true);
    expect(imports(`import { Engine } from '../../engine/src/index.ts';`)).toEqual([{ typeOnly: false, spec: '../../engine/src/index.ts' }]);
  });
});
