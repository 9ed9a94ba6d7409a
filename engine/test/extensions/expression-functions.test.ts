import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelInvalidError, type LzError } from '../../src/index.ts';
import { deployFixture, deployInline } from '../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../helpers/test-engine.ts';

// EngineOptions.expressionFunctions through the whole engine: conditions, assignees,
// candidates, input/output mappings and multi-instance collections call the organisation's
// functions; a function that throws fails the command and leaves the database as it was.

const MANAGERS: Record<string, string> = { erin: 'mia', mia: 'olga', olga: 'ceo', sam: 'nora' };
let directoryUp = true;

const expressionFunctions = {
  manager: (user: unknown, levels: unknown = 1) => {
    let u = String(user);
    for (let i = 0; i < Number(levels); i++) {
      const next = MANAGERS[u];
      if (next === undefined) throw new Error(`no such user '${u}'`);
      u = next;
    }
    return u;
  },
  deptHead: (dept: unknown) => `${String(dept)}-head`,
  usersInDept: (dept: unknown) => (dept === 'sales' ? ['erin', 'sam'] : []),
  usersWithRole: (role: unknown) => (role === 'finance' ? ['fay', 'finn'] : []),
  // a comma separated string, as camunda:candidateGroups="a,b" would be
  groupsOf: () => 'sales, approvers',
  lookUp: (user: unknown) => {
    if (!directoryUp) throw new Error('directory is offline');
    return String(user);
  },
};

async function rejection(p: Promise<unknown>): Promise<LzError> {
  try {
    await p;
  } catch (e) {
    return e as LzError;
  }
  throw new Error('expected the command to fail');
}

describe('expression functions in a running engine', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine({ expressionFunctions });
  });
  afterAll(() => t.close());

  it('deploys a model whose expressions call registered functions', async () => {
    // given / when
    const deployment = await deployFixture(t.engine, import.meta.url, 'expression-functions.bpmn');
    // then
    expect(deployment.definitions.map((d) => d.key).sort()).toEqual(['fnAssign', 'fnBroken', 'fnEveryone', 'fnRouting']);
  });

  it('refuses at deploy a JUEL call of a function that is not registered, naming it', async () => {
    // given
    const body = `<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="t" />
      <userTask id="t" camunda:assignee="\${managr(initiator)}" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />`;
    // when
    const error = await rejection(deployInline(t.engine, 'typoFn', body));
    // then
    expect(error).toBeInstanceOf(ModelInvalidError);
    expect((error as ModelInvalidError).problems).toContainEqual(
      expect.objectContaining({ elementId: 't', message: expect.stringContaining("function 'managr' is not registered") }),
    );
    expect(await t.engine.countDefinitions({ key: 'typoFn' })).toBe(0);
  });

  it.each([
    [{ initiator: 'erin', dept: 'sales' }, 'miaTeam'],
    [{ initiator: 'sam', dept: 'sales' }, 'salesHeadDecides'],
    [{ initiator: 'sam', dept: 'hr' }, 'elsewhere'],
  ])('routes %j by JUEL and FEEL conditions to %s', async (variables, end) => {
    // given / when
    const inst = await t.engine.startProcess('fnRouting', { variables });
    // then
    expect(inst.ended).toBe(true);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist!.endActivityId).toBe(end);
  });

  it('assigns tasks, offers candidates and maps variables through functions', async () => {
    // given
    const inst = await t.engine.startProcess('fnAssign', { variables: { initiator: 'erin', dept: 'sales' } });
    const only = async (key: string) => {
      const tasks = await t.engine.getTasks({ processInstanceId: inst.id });
      expect(tasks.map((x) => x.taskDefinitionKey)).toEqual([key]);
      return tasks[0]!;
    };

    // when / then: JUEL and FEEL assignees
    const juel = await only('approveJuel');
    expect(juel.assignee).toBe('mia');
    await t.engine.completeTask(juel.id);
    const feel = await only('approveFeel');
    expect(feel.assignee).toBe('olga');
    await t.engine.completeTask(feel.id);

    // a list result gives several candidate users, a string list several groups
    const pool = await only('pool');
    expect(pool.assignee).toBeNull();
    expect(pool.candidateUsers).toEqual(['fay', 'finn']);
    expect(pool.candidateGroups).toEqual(['sales', 'approvers']);
    await t.engine.completeTask(pool.id);
    const poolFeel = await only('poolFeel');
    expect(poolFeel.candidateUsers).toEqual(['fay', 'finn']);
    await t.engine.completeTask(poolFeel.id);

    // input mappings (JUEL and a FEEL script) feed the assignee; output mappings come back out
    const mapped = await only('mapped');
    expect(mapped.assignee).toBe('mia');
    expect(await t.engine.getVariables(inst.id, mapped.executionId)).toMatchObject({ boss: 'mia', grandBoss: 'olga' });
    await t.engine.completeTask(mapped.id);
    await only('done');
    expect(await t.engine.getVariables(inst.id)).toMatchObject({ escalateTo: 'sales-head', financeTeam: ['fay', 'finn'] });
  });

  it('starts one task per element of a collection a function returned', async () => {
    // given / when
    const inst = await t.engine.startProcess('fnEveryone', { variables: {} });
    // then
    const tasks = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(tasks.map((x) => x.assignee).sort()).toEqual(['fay', 'finn']);
  });

  it('fails a start whose function throws, naming the function and its message, and writes nothing', async () => {
    // given
    const before = await t.engine.countHistoricInstances({ processDefinitionKey: 'fnAssign' });
    // when
    const error = await rejection(t.engine.startProcess('fnAssign', { variables: { initiator: 'ghost', dept: 'sales' } }));
    // then
    expect(error.code).toBe('LZ_ERR_EXPRESSION_EVAL');
    expect(error.message).toContain("function 'manager' failed: no such user 'ghost'");
    expect(error.message).toContain('approveJuel');
    expect(await t.engine.countHistoricInstances({ processDefinitionKey: 'fnAssign' })).toBe(before);
  });

  it('rolls a task completion back when a function fails after it, and succeeds once the function works', async () => {
    // given
    const inst = await t.engine.startProcess('fnBroken', { variables: { initiator: 'erin' } });
    const [fill] = await t.engine.getTasks({ processInstanceId: inst.id });
    directoryUp = false;

    // when
    const error = await rejection(t.engine.completeTask(fill!.id, { note: 'filled in' })).finally(() => {
      directoryUp = true;
    });

    // then: the command failed as a whole
    expect(error.code).toBe('LZ_ERR_EXPRESSION_EVAL');
    expect(error.message).toContain("function 'lookUp' failed: directory is offline");
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.id)).toEqual([fill!.id]);
    expect(await t.engine.getVariables(inst.id)).toEqual({ initiator: 'erin' });
    const [histFill] = await t.engine.getHistoricTasks({ taskId: fill!.id });
    expect(histFill!.endTime).toBeNull();

    // and the same command goes through once the directory answers again
    await t.engine.completeTask(fill!.id, { note: 'filled in' });
    const [check] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(check).toMatchObject({ taskDefinitionKey: 'check', assignee: 'erin' });
  });
});
