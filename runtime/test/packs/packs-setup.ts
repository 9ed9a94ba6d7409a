import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { loadPacks, type PackOptions, type PacksReport } from '../../src/services/packs/index.ts';
import type { TestApp } from '../helpers/test-app.ts';

/** the repository's definitions/ (what `pnpm start` installs) */
export const DEFINITIONS = resolve(import.meta.dirname, '../../../definitions');
export const OA_DIR = join(DEFINITIONS, 'oa');
export const DEMO_PASSWORD = 'demo';

/** runs the pack loader on the test app, as server.ts does at boot */
export function installPacks(t: TestApp, opts: Partial<PackOptions> = {}): Promise<PacksReport> {
  return loadPacks(
    { engine: t.app.engine, entities: t.app.entities, org: t.app.org, identity: t.app.identity, plugins: t.app.plugins.describe().map((p) => p.name) },
    { dir: DEFINITIONS, mustExist: true, packs: ['oa'], demo: true, demoPassword: DEMO_PASSWORD, ...opts },
  );
}

/** a copy of the OA pack in a temp folder of its own (edit it freely); `dir` is the packs folder */
export function copyOfOa(): { dir: string; pack: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'lz-packs-'));
  cpSync(OA_DIR, join(dir, 'oa'), { recursive: true });
  return { dir, pack: join(dir, 'oa'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** a demo user's credentials */
export const demo = (id: string) => ({ id, password: DEMO_PASSWORD });

/**
 * The resubmit step right after the start passes by itself when the request is filed (the
 * approval service's policy, docs/approvals.md): no task of it is left open.
 */
export async function expectFiled(t: TestApp, instanceId: string): Promise<void> {
  expect(await t.app.engine.getTasks({ processInstanceId: instanceId, taskDefinitionKey: 'resubmit' })).toEqual([]);
}
