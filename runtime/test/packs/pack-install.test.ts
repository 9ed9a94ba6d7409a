import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPack, discoverPacks } from '../../src/services/packs/index.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { copyOfOa, DEFINITIONS, demo, expectFiled, installPacks } from './packs-setup.ts';

const OA_KEYS = ['oa-business-trip', 'oa-document-publish', 'oa-expense', 'oa-general', 'oa-leave', 'oa-purchase-request', 'oa-seal'];

describe('installing the OA pack', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('deploys every process, form and entity type of definitions/oa in one deployment, with no problem', async () => {
    // given
    const [oa] = discoverPacks({ dir: DEFINITIONS, mustExist: true, packs: ['oa'] });
    const resources = await checkPack(t.app.engine, oa!);
    // then: the engine's own deploy-time checks find nothing
    expect(await t.app.engine.validate(resources)).toEqual([]);
    expect(resources.filter((r) => r.name.endsWith('.form'))).toHaveLength(17);
    // when
    const report = await installPacks(t);
    // then
    const [pack] = report.packs;
    expect(pack).toMatchObject({ id: 'oa', version: '1.0.0', name: { 'zh-CN': '办公审批', en: 'OA approvals' }, startable: expect.arrayContaining(OA_KEYS) });
    expect(pack!.newVersions.map((d) => `${d.key}:${d.version}`).sort()).toEqual(OA_KEYS.map((k) => `${k}:1`));
    expect(await t.app.engine.countDeployments({})).toBe(1);
    const [deployment] = await t.app.engine.getDeployments({ id: pack!.deploymentId });
    expect(deployment).toMatchObject({ name: 'oa@1.0.0', source: 'pack:oa' });
    const type = await t.app.entities.getType('document');
    expect(type).toMatchObject({ version: 1, deploymentId: pack!.deploymentId });
    expect(report.warnings).toEqual([]);
  });

  it('makes no new version when installed again unchanged', async () => {
    // given
    const first = await installPacks(t);
    // when: the next start
    const second = await installPacks(t);
    // then
    expect(second.packs[0]!.newVersions).toEqual([]);
    expect(second.packs[0]!.deploymentId).toBe(first.packs[0]!.deploymentId);
    expect(second.packs[0]!.definitions.map((d) => d.version)).toEqual(OA_KEYS.map(() => 1));
    expect(await t.app.engine.countDeployments({})).toBe(1);
    expect((await t.app.engine.getDefinitions({ key: 'oa-leave' })).map((d) => d.version)).toEqual([1]);
    expect((await t.app.entities.getType('document')).version).toBe(1);
  });

  it('gives an edited process version 2 while its running instances finish on version 1', async () => {
    // given: an instance of oa-general on version 1
    const copy = copyOfOa();
    try {
      await installPacks(t, { dir: copy.dir });
      const [v1] = await t.app.engine.getDefinitions({ key: 'oa-general' });
      const old = await t.app.engine.startProcess('oa-general', { variables: { subject: 'old', content: 'x', approvers: 'li.na' }, startUserId: 'lin.feng' });
      await expectFiled(t, old.id);
      // when: the analyst renames a step and the pack is installed again
      const file = join(copy.pack, 'processes', 'general.bpmn');
      writeFileSync(file, readFileSync(file, 'utf8').replace('name="审批人依次审批"', 'name="审批人逐一审批"'));
      const report = await installPacks(t, { dir: copy.dir });
      // then: only oa-general has a new version
      expect(report.packs[0]!.newVersions.map((d) => `${d.key}:${d.version}`)).toEqual(['oa-general:2']);
      expect(report.packs[0]!.definitions.filter((d) => d.key !== 'oa-general').map((d) => d.version)).toEqual([1, 1, 1, 1, 1, 1]);
      expect(await t.app.engine.countDeployments({})).toBe(2);
      // the old instance stays on version 1 and goes on there
      const [task] = await t.app.engine.getTasks({ processInstanceId: old.id, taskDefinitionKey: 'pickedApprovers' });
      expect(task).toMatchObject({ processDefinitionId: v1!.id, name: '审批人依次审批', assignee: 'li.na' });
      const act = await t.request(demo('li.na'), { method: 'POST', url: `/api/tasks/${task!.id}/act`, payload: { action: 'approve' } });
      expect(act.statusCode, act.body).toBe(200);
      expect(await t.app.engine.getProcessInstance(old.id)).toBeNull();
      // a new one starts on version 2
      const fresh = await t.app.engine.startProcess('oa-general', { variables: { subject: 'new', content: 'x', approvers: 'li.na' }, startUserId: 'lin.feng' });
      await expectFiled(t, fresh.id);
      const [next] = await t.app.engine.getTasks({ processInstanceId: fresh.id, taskDefinitionKey: 'pickedApprovers' });
      expect(next).toMatchObject({ name: '审批人逐一审批' });
      expect(next!.processDefinitionId).not.toBe(v1!.id);
    } finally {
      copy.remove();
    }
  });

  it('gives an edited entity type version 2', async () => {
    // given
    const copy = copyOfOa();
    try {
      await installPacks(t, { dir: copy.dir });
      // when: a field is added
      const file = join(copy.pack, 'entities', 'document.entity.json');
      const schema = JSON.parse(readFileSync(file, 'utf8')) as { properties: Record<string, unknown> };
      schema.properties.keywords = { type: 'array', items: { type: 'string' } };
      writeFileSync(file, JSON.stringify(schema, null, 2));
      const report = await installPacks(t, { dir: copy.dir });
      // then: a new deployment, no process changed, the type has version 2
      expect(report.packs[0]!.newVersions).toEqual([]);
      expect(await t.app.engine.countDeployments({})).toBe(2);
      expect(await t.app.entities.getType('document')).toMatchObject({ version: 2, deploymentId: report.packs[0]!.deploymentId });
    } finally {
      copy.remove();
    }
  });
});
