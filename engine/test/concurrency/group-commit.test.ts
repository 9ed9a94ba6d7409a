import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployInline } from '../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../helpers/test-engine.ts';

const ONE_TASK = `
  <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="t" />
  <userTask id="t" name="Approve" /><sequenceFlow id="f1" sourceRef="t" targetRef="e" /><endEvent id="e" />`;

describe('group commit', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployInline(t.engine, 'groupTask', ONE_TASK);
  });
  afterAll(() => t.close());

  it('commands committed together still each succeed or fail on their own', async () => {
    // given: 12 instances waiting at a task
    const instances = await Promise.all(Array.from({ length: 12 }, () => t.engine.startProcess('groupTask')));
    const tasks = (await t.engine.getTasks({ processDefinitionKey: 'groupTask', max: 100 })).filter((x) => instances.some((i) => i.id === x.processInstanceId));
    expect(tasks).toHaveLength(12);
    const contested = tasks[0]!;
    // when: all completed at once, one of them twice (likely in the same group: one must lose)
    const results = await Promise.allSettled([
      ...tasks.map((x) => t.engine.completeTask(x.id, { n: 1 }, { retries: 0 })),
      t.engine.completeTask(contested.id, { n: 2 }, { retries: 0 }),
    ]);
    // then: every other task completed; of the two on the contested task exactly one did
    const fulfilled = results.filter((r) => r.status === 'fulfilled').length;
    expect(fulfilled).toBe(12);
    for (const i of instances) expect(await t.engine.getProcessInstance(i.id)).toBeNull();
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected).toHaveLength(1);
    expect(['LZ_ERR_CONFLICT', 'LZ_ERR_TASK_NOT_FOUND']).toContain(rejected[0]!.reason.code);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: contested.processInstanceId });
    expect(hist?.state).toBe('COMPLETED');
  });
});
