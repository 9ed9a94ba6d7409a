import { expect } from 'vitest';
import type { TestEngine } from '../../helpers/test-engine.ts';

/** what the repository holds: deployments, resources and definitions */
export async function repositoryCounts(t: TestEngine): Promise<{ deployments: number; resources: number; definitions: number }> {
  const [row] = await t.engine.db.query<{ deployments: number; resources: number; definitions: number }>(
    `SELECT (SELECT count(*)::int FROM deployments) AS deployments,
            (SELECT count(*)::int FROM deployment_resources) AS resources,
            (SELECT count(*)::int FROM process_definitions) AS definitions`,
  );
  return row!;
}

/** runs a deploy that must fail and returns the error; the repository must be as before */
export async function rejectedDeploy(t: TestEngine, deploy: () => Promise<unknown>): Promise<{ code: string; message: string; problems?: { elementId: string; message: string; resource?: string }[] }> {
  const before = await repositoryCounts(t);
  const definitionsBefore = await t.engine.getDefinitions();
  const err = await deploy().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'the deployment was accepted').not.toBeNull();
  expect((err as Error).name).toBe('LzError');
  expect(await repositoryCounts(t)).toEqual(before);
  expect(await t.engine.getDefinitions()).toEqual(definitionsBefore);
  return err as { code: string; message: string; problems?: { elementId: string; message: string; resource?: string }[] };
}
