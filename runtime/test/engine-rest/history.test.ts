import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t"`;

/** start → review (candidate group sales) → end */
const REVIEW = `${HEAD} id="hist-review-defs">
  <process id="histReview" name="History review" isExecutable="true">
    <startEvent id="start" /><sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <userTask id="review" name="Review" camunda:candidateGroups="sales" /><sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;

/** a fork: one branch calls histChild, the other ends the parent at a terminate end event once "stop" is done */
const TERMINATE = `${HEAD} id="hist-terminate-defs">
  <process id="histTerminate" isExecutable="true">
    <startEvent id="start" /><sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
    <parallelGateway id="fork" />
    <sequenceFlow id="f2" sourceRef="fork" targetRef="call" /><callActivity id="call" calledElement="histChild" />
    <sequenceFlow id="f3" sourceRef="fork" targetRef="stop" /><userTask id="stop" />
    <sequenceFlow id="f4" sourceRef="stop" targetRef="kill" /><endEvent id="kill"><terminateEventDefinition /></endEvent>
  </process>
  <process id="histChild" isExecutable="true">
    <startEvent id="cs" /><sequenceFlow id="c1" sourceRef="cs" targetRef="childTask" />
    <userTask id="childTask" /><sequenceFlow id="c2" sourceRef="childTask" targetRef="ce" />
    <endEvent id="ce" />
  </process>
</definitions>`;

type User = { id: string; password: string };
type Hist = { id: string; state: string; [k: string]: unknown };

describe('/engine-rest/history', () => {
  let t: TestApp;
  let bob: User;
  let carol: User;
  let mallory: User;
  let completed: string;
  let deleted: string;
  let terminated: string;
  let child: string;
  let running: string;
  let reviewTaskId: string;
  beforeAll(async () => {
    t = await createTestApp();
    bob = await t.user('bob', { groups: ['sales'] });
    carol = await t.user('carol', { groups: ['hr'] });
    mallory = await t.user('mallory', { groups: ['staff'] });
    const e = t.app.engine;
    await e.deploy([
      { name: 'review.bpmn', content: REVIEW },
      { name: 'terminate.bpmn', content: TERMINATE },
    ]);
    // completed: started by carol, worked by bob, with a variable set twice and one removed
    completed = (await e.startProcess('histReview', { businessKey: 'bk-done', startUserId: 'carol', variables: { amount: 10, temp: 'x' } })).id;
    const [task] = await e.getTasks({ processInstanceId: completed });
    reviewTaskId = task!.id;
    await e.setVariables(completed, { amount: 20 });
    await e.removeVariable(completed, 'temp');
    await e.claimTask(task!.id, 'bob');
    await e.completeTask(task!.id, { approved: true });
    deleted = (await e.startProcess('histReview', { businessKey: 'bk-deleted', startUserId: 'admin' })).id;
    await e.deleteProcessInstance(deleted, 'no longer needed');
    terminated = (await e.startProcess('histTerminate', { businessKey: 'bk-terminated', startUserId: 'admin' })).id;
    child = (await e.getHistoricInstances({ superProcessInstanceId: terminated }))[0]!.id;
    const [stop] = await e.getTasks({ processInstanceId: terminated });
    await e.completeTask(stop!.id);
    running = (await e.startProcess('histReview', { businessKey: 'bk-running', startUserId: 'admin' })).id;
  });
  afterAll(() => t.close());

  const get = async (url: string, user?: User) => {
    const res = user ? await t.request(user, { method: 'GET', url }) : await t.admin({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('tells the states apart: COMPLETED, EXTERNALLY_TERMINATED (deleted), INTERNALLY_TERMINATED (a called instance its caller ended), ACTIVE', async () => {
    // when
    const all = (await get('/engine-rest/history/process-instance')) as Hist[];
    // then: like Camunda, a terminate end event completes its own instance and ends the called one internally
    const state = (id: string) => all.find((h) => h.id === id)?.state;
    expect(state(completed)).toBe('COMPLETED');
    expect(state(deleted)).toBe('EXTERNALLY_TERMINATED');
    expect(state(terminated)).toBe('COMPLETED');
    expect(state(child)).toBe('INTERNALLY_TERMINATED');
    expect(state(running)).toBe('ACTIVE');
    expect(all).toHaveLength(5);
    expect(((await get('/engine-rest/history/process-instance?state=COMPLETED')) as Hist[]).map((h) => h.id).sort()).toEqual([completed, terminated].sort());
    expect(((await get('/engine-rest/history/process-instance?externallyTerminated=true')) as Hist[]).map((h) => h.id)).toEqual([deleted]);
    expect(((await get('/engine-rest/history/process-instance?internallyTerminated=true')) as Hist[]).map((h) => h.id)).toEqual([child]);
    expect(((await get('/engine-rest/history/process-instance?active=true')) as Hist[]).map((h) => h.id)).toEqual([running]);
    expect(await get(`/engine-rest/history/process-instance/count?superProcessInstanceId=${terminated}`)).toEqual({ count: 1 });
    expect(await get('/engine-rest/history/process-instance/count?finished=true')).toEqual({ count: 4 });
    expect(await get('/engine-rest/history/process-instance/count?unfinished=true')).toEqual({ count: 1 });
  });

  it('reads one historic instance as Camunda HistoricProcessInstanceDto; 404 for an unknown id', async () => {
    // when
    const one = await get(`/engine-rest/history/process-instance/${deleted}`);
    const missing = await t.admin({ method: 'GET', url: '/engine-rest/history/process-instance/nope' });
    // then
    expect(one).toEqual({
      id: deleted,
      businessKey: 'bk-deleted',
      processDefinitionId: expect.stringContaining('histReview'),
      processDefinitionKey: 'histReview',
      processDefinitionName: 'History review',
      processDefinitionVersion: 1,
      startTime: expect.stringMatching(/\+0000$/),
      endTime: expect.stringMatching(/\+0000$/),
      removalTime: null,
      durationInMillis: expect.any(Number),
      startUserId: 'admin',
      startActivityId: 'start',
      deleteReason: 'no longer needed',
      rootProcessInstanceId: deleted,
      superProcessInstanceId: null,
      superCaseInstanceId: null,
      caseInstanceId: null,
      tenantId: null,
      state: 'EXTERNALLY_TERMINATED',
      restartedProcessInstanceId: null,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('filters by key, business key, starter and dates; sorts and pages; POST takes the same query', async () => {
    // when
    const byKey = (await get('/engine-rest/history/process-instance?processDefinitionKey=histTerminate')) as Hist[];
    const byBk = (await get('/engine-rest/history/process-instance?processInstanceBusinessKeyLike=bk-d%25&sortBy=businessKey&sortOrder=desc')) as Hist[];
    const byStarter = (await get('/engine-rest/history/process-instance?startedBy=carol')) as Hist[];
    const future = (await get('/engine-rest/history/process-instance?startedAfter=2999-01-01T00:00:00.000%2B0000')) as Hist[];
    const page = (await get('/engine-rest/history/process-instance?sortBy=businessKey&sortOrder=asc&firstResult=1&maxResults=2')) as Hist[];
    const post = await t.admin({ method: 'POST', url: '/engine-rest/history/process-instance?maxResults=10', payload: { processInstanceIds: [completed, running], sorting: [{ sortBy: 'businessKey', sortOrder: 'asc' }] } });
    const postCount = await t.admin({ method: 'POST', url: '/engine-rest/history/process-instance/count', payload: { processDefinitionKeyIn: ['histReview'] } });
    // then
    expect(byKey.map((h) => h.id)).toEqual([terminated]);
    expect(byBk.map((h) => h.businessKey)).toEqual(['bk-done', 'bk-deleted']);
    expect(byStarter.map((h) => h.id)).toEqual([completed]);
    expect(future).toEqual([]);
    expect(page.map((h) => h.businessKey)).toEqual(['bk-done', 'bk-running']);
    expect((post.json() as Hist[]).map((h) => h.businessKey)).toEqual(['bk-done', 'bk-running']);
    expect(postCount.json()).toEqual({ count: 3 });
  });

  it('answers bad query input with 400', async () => {
    for (const url of [
      '/engine-rest/history/process-instance?state=WEIRD',
      '/engine-rest/history/process-instance?sortBy=startTime',
      '/engine-rest/history/process-instance?startedAfter=yesterday',
      '/engine-rest/history/process-instance?finished=true&unfinished=true',
      '/engine-rest/history/process-instance?completed=true&active=true',
      '/engine-rest/history/process-instance?bogus=1',
      '/engine-rest/history/task?sortBy=nope&sortOrder=asc',
    ]) {
      const res = await t.admin({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ type: 'InvalidRequestException' });
    }
  });

  it('shows a user only the history of instances they started or took part in', async () => {
    // when
    const carols = (await get('/engine-rest/history/process-instance', carol)) as Hist[];
    const bobs = (await get('/engine-rest/history/process-instance', bob)) as Hist[];
    const mallorys = (await get('/engine-rest/history/process-instance', mallory)) as Hist[];
    const forbidden = await t.request(mallory, { method: 'GET', url: `/engine-rest/history/process-instance/${completed}` });
    const malloryTasks = (await get(`/engine-rest/history/task?processInstanceId=${completed}`, mallory)) as unknown[];
    const malloryVars = (await get(`/engine-rest/history/variable-instance?processInstanceId=${completed}`, mallory)) as unknown[];
    const malloryCount = await get('/engine-rest/history/activity-instance/count', mallory);
    // then: carol started one; bob worked one and is a candidate of the running one
    expect(carols.map((h) => h.id)).toEqual([completed]);
    expect(bobs.map((h) => h.id).sort()).toEqual([completed, running].sort());
    expect(mallorys).toEqual([]);
    expect(forbidden.statusCode).toBe(403);
    expect(malloryTasks).toEqual([]);
    expect(malloryVars).toEqual([]);
    expect(malloryCount).toEqual({ count: 0 });
  });

  it('lists activity instances with Camunda fields, filters finished and canceled, sorts by occurrence', async () => {
    // when
    const all = (await get(`/engine-rest/history/activity-instance?processInstanceId=${completed}&sortBy=occurrence&sortOrder=asc`)) as Record<string, unknown>[];
    const canceled = (await get(`/engine-rest/history/activity-instance?processInstanceId=${deleted}&canceled=true`)) as Record<string, unknown>[];
    const userTasks = await get(`/engine-rest/history/activity-instance/count?activityType=userTask&taskAssignee=bob`);
    const open = (await get(`/engine-rest/history/activity-instance?processInstanceId=${running}&unfinished=true`)) as Record<string, unknown>[];
    // then
    expect(all.map((a) => a.activityId)).toEqual(['start', 'review', 'end']);
    expect(all[1]).toEqual({
      id: expect.any(String),
      parentActivityInstanceId: expect.any(String),
      activityId: 'review',
      activityName: 'Review',
      activityType: 'userTask',
      processDefinitionKey: 'histReview',
      processDefinitionId: expect.stringContaining('histReview'),
      processInstanceId: completed,
      executionId: expect.any(String),
      taskId: reviewTaskId,
      calledProcessInstanceId: null,
      calledCaseInstanceId: null,
      assignee: 'bob',
      startTime: expect.stringMatching(/\+0000$/),
      endTime: expect.stringMatching(/\+0000$/),
      durationInMillis: expect.any(Number),
      canceled: false,
      completeScope: false,
      tenantId: null,
      removalTime: null,
      rootProcessInstanceId: completed,
    });
    expect(all[2]).toMatchObject({ activityId: 'end', completeScope: true });
    expect(canceled.map((a) => a.activityId)).toEqual(['review']);
    expect(userTasks).toEqual({ count: 1 });
    expect(open.map((a) => a.activityId)).toEqual(['review']);
  });

  it('lists historic tasks: by assignee, finished or not, task definition key; Camunda fields', async () => {
    // when
    const bobs = (await get('/engine-rest/history/task?taskAssignee=bob')) as Record<string, unknown>[];
    const finished = await get('/engine-rest/history/task/count?finished=true');
    const unfinished = (await get('/engine-rest/history/task?unfinished=true&taskDefinitionKey=review')) as Record<string, unknown>[];
    const byBob = (await get('/engine-rest/history/task', bob)) as Record<string, unknown>[];
    // then
    expect(bobs).toEqual([
      {
        id: reviewTaskId,
        processDefinitionKey: 'histReview',
        processDefinitionId: expect.stringContaining('histReview'),
        processInstanceId: completed,
        executionId: expect.any(String),
        caseDefinitionKey: null,
        caseDefinitionId: null,
        caseInstanceId: null,
        caseExecutionId: null,
        activityInstanceId: expect.any(String),
        name: 'Review',
        description: null,
        deleteReason: 'completed',
        owner: null,
        assignee: 'bob',
        startTime: expect.stringMatching(/\+0000$/),
        endTime: expect.stringMatching(/\+0000$/),
        duration: expect.any(Number),
        taskDefinitionKey: 'review',
        priority: 50,
        due: null,
        parentTaskId: null,
        followUp: null,
        tenantId: null,
        removalTime: null,
        rootProcessInstanceId: completed,
      },
    ]);
    // the review done, the deleted instance's review, "stop", and the called instance's task its caller ended
    expect(finished).toEqual({ count: 4 });
    expect(unfinished.map((x) => x.processInstanceId)).toEqual([running]);
    expect(byBob.map((x) => x.processInstanceId).sort()).toEqual([completed, running].sort());
  });

  it('lists historic variable instances with their last typed value; removed ones only with includeDeleted', async () => {
    // when
    const vars = (await get(`/engine-rest/history/variable-instance?processInstanceId=${completed}&sortBy=variableName&sortOrder=asc`)) as Record<string, unknown>[];
    const withDeleted = await get(`/engine-rest/history/variable-instance/count?processInstanceId=${completed}&includeDeleted=true`);
    const like = (await get(`/engine-rest/history/variable-instance?variableNameLike=am%25&processInstanceId=${completed}`)) as Record<string, unknown>[];
    const one = await get(`/engine-rest/history/variable-instance/${encodeURIComponent(String(vars[0]!.id))}`);
    // then
    expect(vars.map((v) => [v.name, v.value, v.type])).toEqual([
      ['amount', 20, 'Integer'],
      ['approved', true, 'Boolean'],
    ]);
    expect(vars[0]).toMatchObject({ processInstanceId: completed, processDefinitionKey: 'histReview', state: 'CREATED', createTime: expect.stringMatching(/\+0000$/), taskId: null, tenantId: null });
    expect(withDeleted).toEqual({ count: 3 });
    expect(like.map((v) => v.name)).toEqual(['amount']);
    expect(one).toMatchObject({ name: 'amount', value: 20 });
  });

  it('lists the details (variable updates) of an instance in order', async () => {
    // when
    const details = (await get(`/engine-rest/history/detail?processInstanceId=${completed}&variableUpdates=true&sortBy=occurrence&sortOrder=asc`)) as Record<string, unknown>[];
    const formFieldsOnly = await get(`/engine-rest/history/detail/count?processInstanceId=${completed}&formFields=true`);
    // then
    const amount = details.filter((d) => d.variableName === 'amount');
    expect(amount.map((d) => [d.value, d.revision, d.initial])).toEqual([
      [10, 1, true],
      [20, 2, false],
    ]);
    expect(amount[0]).toMatchObject({ type: 'variableUpdate', variableType: 'Integer', processInstanceId: completed, variableInstanceId: expect.stringContaining(':amount') });
    expect(formFieldsOnly).toEqual({ count: 0 });
  });
});
