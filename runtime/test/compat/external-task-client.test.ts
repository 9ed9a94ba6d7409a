import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuthInterceptor, Client, Variables, type Task, type TaskService } from 'camunda-external-task-client-js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../helpers/test-app.ts';

/** charge (external, topic compat-charge) → done; a CARD_DECLINED error on charge → fix */
const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t" id="compat-defs">
  <error id="declined" errorCode="CARD_DECLINED" />
  <process id="compatPayment" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="charge" />
    <serviceTask id="charge" camunda:type="external" camunda:topic="compat-charge" />
    <boundaryEvent id="onDeclined" attachedToRef="charge">
      <errorEventDefinition errorRef="declined" camunda:errorCodeVariable="reason" camunda:errorMessageVariable="why" />
    </boundaryEvent>
    <sequenceFlow id="f1" sourceRef="onDeclined" targetRef="fix" /><userTask id="fix" />
    <sequenceFlow id="f2" sourceRef="fix" targetRef="e2" /><endEvent id="e2" />
    <sequenceFlow id="f3" sourceRef="charge" targetRef="done" /><userTask id="done" />
    <sequenceFlow id="f4" sourceRef="done" targetRef="e" /><endEvent id="e" />
  </process>
</definitions>`;

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/**
 * The unmodified camunda-external-task-client-js (Camunda's own Node.js worker client) against
 * the real server on a loopback port, signed in as admin with its BasicAuthInterceptor, with
 * long polling (asyncResponseTimeout).
 */
describe('camunda-external-task-client-js against the runtime', () => {
  let t: TestApp;
  let client: Client;
  const seen: { id: string; amount: unknown; lockBefore: number; lockAfter: number }[] = [];
  const errors: unknown[] = [];
  const tasksOf = async (pid: string) => (await t.app.engine.getTasks({ processInstanceId: pid })).map((x) => x.taskDefinitionKey);
  const start = async (amount: number) => (await t.app.engine.startProcess('compatPayment', { variables: { amount }, businessKey: `order-${amount}` })).id;

  async function work({ task, taskService }: { task: Task; taskService: TaskService }): Promise<void> {
    const amount = task.variables.get('amount') as number;
    const lockBefore = (await t.app.engine.getExternalTask(task.id))!.lockExpirationTime!.getTime();
    await taskService.extendLock(task, 120_000);
    const lockAfter = (await t.app.engine.getExternalTask(task.id))!.lockExpirationTime!.getTime();
    seen.push({ id: task.id, amount, lockBefore, lockAfter });
    if (amount > 100) {
      await taskService.handleBpmnError(task, 'CARD_DECLINED', 'amount too high', new Variables().set('declinedAmount', amount));
    } else if (amount === 13) {
      await taskService.handleFailure(task, { errorMessage: 'card service gone', errorDetails: 'stack of the worker', retries: 0, retryTimeout: 0 });
    } else {
      const out = new Variables()
        .set('receipt', `R-${amount}`)
        .set('approved', true)
        .set('chargedAt', new Date('2026-03-01T12:00:00.000Z'))
        .set('big', 5_000_000_000)
        .set('fee', 0.5)
        .set('details', { card: 'visa', last4: '4242' });
      await taskService.complete(task, out);
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.engine.deploy([{ name: 'compat.bpmn', content: MODEL }]);
    const address = await t.app.fastify.listen({ port: 0, host: '127.0.0.1' });
    client = new Client({
      baseUrl: `${address}/engine-rest`,
      workerId: 'compat-worker',
      asyncResponseTimeout: 5_000,
      lockDuration: 10_000,
      interval: 50,
      interceptors: new BasicAuthInterceptor({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    client.on('handler:error', (e) => errors.push(e));
    client.on('poll:error', (e) => errors.push(e));
    client.subscribe('compat-charge', work);
  });

  afterAll(async () => {
    client?.stop();
    await t.close();
  });

  it('complete: the instance moves on and holds the typed variables the worker sent', async () => {
    // when
    const pid = await start(12);
    // then
    expect(await until(async () => (await tasksOf(pid)).includes('done'), 20_000)).toBe(true);
    const vars = Object.fromEntries((await t.app.engine.getTypedVariables(pid)).map((v) => [v.name, { type: v.type, value: v.value }]));
    expect(vars).toMatchObject({
      amount: { type: 'Integer', value: 12 },
      receipt: { type: 'String', value: 'R-12' },
      approved: { type: 'Boolean', value: true },
      chargedAt: { type: 'Date', value: '2026-03-01T12:00:00.000Z' },
      big: { type: 'Long', value: 5_000_000_000 },
      fee: { type: 'Double', value: 0.5 },
      details: { type: 'Json', value: { card: 'visa', last4: '4242' } },
    });
    expect(errors).toEqual([]);
  });

  it('extendLock: the lock is pushed out while the worker holds it', async () => {
    const first = seen.find((s) => s.amount === 12)!;
    expect(first.lockAfter - first.lockBefore).toBeGreaterThan(60_000);
  });

  it('handleFailure with retries 0: an incident appears at GET /incident and the task is not handed out again', async () => {
    // when
    const pid = await start(13);
    // then
    const incident = await until(async () => ((await t.admin({ method: 'GET', url: `/engine-rest/incident/count?processInstanceId=${pid}` })).json() as { count: number }).count === 1, 20_000);
    expect(incident).toBe(true);
    const [row] = (await t.admin({ method: 'GET', url: `/engine-rest/incident?processInstanceId=${pid}` })).json() as { incidentType: string; activityId: string; incidentMessage: string }[];
    expect(row).toMatchObject({ incidentType: 'failedExternalTask', activityId: 'charge', incidentMessage: 'card service gone' });
    await new Promise((r) => setTimeout(r, 500));
    expect(seen.filter((s) => s.amount === 13)).toHaveLength(1);
    expect(await tasksOf(pid)).toEqual([]);
  });

  it('handleBpmnError: the boundary error event catches it and the instance takes that path', async () => {
    // when
    const pid = await start(500);
    // then
    expect(await until(async () => (await tasksOf(pid)).includes('fix'), 20_000)).toBe(true);
    expect(await t.app.engine.getVariables(pid)).toMatchObject({ reason: 'CARD_DECLINED', why: 'amount too high', declinedAmount: 500 });
    const charge = await t.app.engine.getHistoricActivities({ processInstanceId: pid, activityId: 'charge' });
    expect(charge.map((a) => a.state)).toEqual(['canceled']);
    expect(errors).toEqual([]);
  });
});
