import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployResource } from '../../../src/index.ts';
import { fixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// Camunda 7 duplicate filtering (DeploymentBuilder.enableDuplicateFiltering(deployChangedOnly),
// the REST "deploy-changed-only" flag; here the default): deploying exactly the resources of the
// latest deployment again creates nothing and answers with that deployment. Turned off, every
// deployment is a new one and every process in it a new version.

describe('deploying the same resources again', () => {
  let t: TestEngine;
  const app = (): DeployResource[] => [
    { name: 'order.bpmn', content: fixture(import.meta.url, 'order.bpmn') },
    { name: 'order.form', content: fixture(import.meta.url, 'order.form') },
    { name: 'logo.png', content: new Uint8Array(readFileSync(new URL('./logo.png', import.meta.url))) },
  ];
  beforeAll(async () => {
    t = await createTestEngine();
  });
  afterAll(() => t.close());

  it('identical files: the earlier deployment is the answer and nothing is created', async () => {
    // given
    const first = await t.engine.deploy(app(), { name: 'order-app' });
    const count = await t.engine.countDeployments();
    // when
    const again = await t.engine.deploy(app(), { name: 'order-app' });
    // then
    expect(again.id).toBe(first.id);
    expect(again.definitions).toMatchObject([{ id: first.definitions[0]!.id, key: 'order', version: 1, isNew: false }]);
    expect(await t.engine.countDeployments()).toBe(count);
    expect(await t.engine.getDefinitions({ key: 'order' })).toHaveLength(1);
    expect(await t.engine.getDeploymentResources(first.id)).toHaveLength(3);
  });

  it('one changed file makes a new deployment; an unchanged process keeps its version', async () => {
    // given
    const [before] = await t.engine.getDefinitions({ key: 'order' });
    const count = await t.engine.countDeployments();
    const changed = app().map((r) => (r.name === 'order.form' ? { ...r, content: (r.content as string).replace('"Amount"', '"Total"') } : r));
    // when
    const d = await t.engine.deploy(changed, { name: 'order-app' });
    // then: the form is new; the process did not change, so no new version of it
    expect(await t.engine.countDeployments()).toBe(count + 1);
    expect(d.definitions).toMatchObject([{ id: before!.id, version: 1, isNew: false }]);
    const form = await t.engine.getDeploymentResource(d.id, { name: 'order.form' });
    expect(form?.data.toString('utf8')).toContain('"Total"');
  });

  it('changedOnly: false makes a new deployment and a new version', async () => {
    // given
    const count = await t.engine.countDeployments();
    // when
    const d = await t.engine.deploy(app(), { name: 'order-app', changedOnly: false });
    // then
    expect(await t.engine.countDeployments()).toBe(count + 1);
    expect(d.definitions).toMatchObject([{ key: 'order', version: 2, isNew: true }]);
    expect((await t.engine.getDefinitions({ key: 'order', latestOnly: true }))[0]?.deploymentId).toBe(d.id);
    expect((await t.engine.getDeploymentResources(d.id)).map((r) => r.name)).toEqual(['logo.png', 'order.bpmn', 'order.form']);
  });

  it('the files of an older version again (after a newer one) make a new version', async () => {
    // given: version 3 differs from version 2
    const v3 = await t.engine.deploy([{ name: 'order.bpmn', content: fixture(import.meta.url, 'order.bpmn').replace('id="end"', 'id="finished"').replace('targetRef="end"', 'targetRef="finished"') }]);
    expect(v3.definitions).toMatchObject([{ version: 3, isNew: true }]);
    const count = await t.engine.countDeployments();
    // when: the original resources once more
    const d = await t.engine.deploy(app(), { name: 'order-app' });
    // then: compared with the latest version they changed
    expect(d.definitions).toMatchObject([{ version: 4, isNew: true }]);
    expect(await t.engine.countDeployments()).toBe(count + 1);
    expect((await t.engine.getDefinitions({ key: 'order', latestOnly: true }))[0]?.version).toBe(4);
  });
});
