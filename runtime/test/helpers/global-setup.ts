import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { makePgliteTemplate } from '@liuzhuan/engine';

/** one empty PGlite dump per run; every test database starts from it (see test-app.ts) */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.DATABASE_URL) return () => undefined;
  const dump = await makePgliteTemplate();
  const file = join(mkdtempSync(join(tmpdir(), 'lz-pglite-')), 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => undefined;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
