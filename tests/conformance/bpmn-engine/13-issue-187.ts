import { expectEqual, expectTrue } from '../expect.ts';
import { scenario } from '../scenario.ts';
import { openTasks, swap, swapMatch, timesEntered } from './adapt.ts';

const FILE = 'issue-187.bpmn';

/**
 * bpmn-engine #13 — issue 187: sequential MI approval with a completion condition, withdraw by
 * signal (boundary on the MI body), signals across branches, loop back into task_request.
 * Liuzhuan decisions: manual tasks (task_create, task_modify) do not wait, they pass; user tasks
 * wait and are completed (what bpmn-engine "signals"). Signals match by name in the engine.
 */
function adapt(xml: string): string {
  // `${environment.variables.x}` → the process variable `${x}`
  xml = swap(xml, '${environment.variables.prj_id}', '${prj_id}');
  xml = swap(xml, 'camunda:collection="${environment.variables.handlers}"', 'camunda:collection="${handlers}"');
  // `handlers.length` is JavaScript; the collection alone gives the same number of instances
  xml = swapMatch(xml, /<bpmn2:loopCardinality[^>]*>\$\{environment\.variables\.handlers\.length\}<\/bpmn2:loopCardinality>\s*/, '');
  // the output of the iteration that just finished = the variables its task was completed with
  xml = swap(xml, '${content.output.break}', '${break}');
  // task_check: bpmn-engine ORs `pass` over every iteration output with `passed &= true`, which
  // turns `passed` into the number 1 when any handler passed, and the gateway's `=== true` then
  // fails (approved only when nobody passed). Kept as is, on the last iteration's `pass`.
  xml = swapMatch(
    xml,
    /<bpmn2:script>var passed = true;[\s\S]*?next\(\);<\/bpmn2:script>/,
    `<bpmn2:script>var passed = true;
      if (execution.getVariable('pass')) { passed &amp;= true; }
      execution.setVariable('approved', passed === true);
      passed;</bpmn2:script>`,
  );
  xml = swap(xml, `language="JavaScript">next(null, this.environment.services.get_value('passed')=== true);`, '>${approved}');
  // the reminder script calls bpmn-engine services (get_handlers, gen_remind_task): a no-op here
  return swapMatch(xml, /<bpmn2:script>this\.environment\.services\.get_handlers[\s\S]*?<\/bpmn2:script>/, '<bpmn2:script>// reminders</bpmn2:script>');
}

export default scenario({
  name: `bpmn-engine #13 ${FILE}`,
  files: [FILE],
  deploy: false,
  async run(h) {
    await h.deploy([FILE], adapt);
    const handlers = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const p = await h.engine.startProcess('ProcessApprove', { variables: { handlers, prj_id: 7 } });
    // 1. task_create passes, task_request waits (a CJK name); completing it forks into the MI and task_with_draw
    const [request] = await h.tasks({ processInstanceId: p.id });
    expectEqual([request?.taskDefinitionKey, request?.name], ['task_request', '申请立项'], '1: task_request waits');
    await h.complete('task_request');
    expectEqual(await openTasks(h, p.id), ['task_approve', 'task_with_draw'], '1: first approval and withdraw wait');
    const [first] = await h.tasks({ processInstanceId: p.id, taskDefinitionKey: 'task_approve' });
    expectEqual((await h.engine.getVariables(p.id, first!.executionId)).handler, { id: 1 }, '1: the first iteration sees handler 1');
    for (let i = 0; i < 3; i++) await h.complete('task_approve', { pass: true, break: false });
    // every handler passed → passed = 1 → reject path; its signal ends the withdraw branch
    expectEqual(await openTasks(h, p.id), ['task_request'], '1: rejected, back to task_request');
    expectEqual(await timesEntered(h, p.id, 'event_catch_approved'), 1, '1: the approved-signal ended task_with_draw');
    expectEqual(await timesEntered(h, p.id, 'task_modify'), 1, '1: task_modify passed');

    // 2. withdraw while the MI waits: the signal cancels the whole MI body
    await h.complete('task_request');
    expectEqual(await openTasks(h, p.id), ['task_approve', 'task_with_draw'], '2: approval and withdraw wait again');
    await h.complete('task_with_draw');
    expectEqual(await timesEntered(h, p.id, 'Event_catch_withdraw'), 1, '2: the withdraw boundary on the MI body fired');
    expectEqual(await openTasks(h, p.id), ['task_request'], '2: MI cancelled, back to task_request');

    // 3. once more; a handler breaks off: the completion condition ends the MI early → approved
    await h.complete('task_request');
    await h.complete('task_approve', { pass: false, break: true });
    expectTrue(!(await h.running(p.id)), '3: approved, the instance ended');
    const approvals = await h.engine.getHistoricTasks({ processInstanceId: p.id, taskDefinitionKey: 'task_approve' });
    expectEqual(approvals.length, 3 + 1 + 1, '3: approval tasks over the three rounds (3, withdrawn at 1, broken off at 1)');
    expectEqual(await timesEntered(h, p.id, 'event_throw_approved'), 1, '3: approve path');
    expectEqual(await timesEntered(h, p.id, 'event_catch_approved'), 2, '3: the approved signal ended task_with_draw again');

    // 4. second run: all three handlers reject → nobody passed → approved → ended
    const q = await h.engine.startProcess('ProcessApprove', { variables: { handlers, prj_id: 8 } });
    await h.complete('task_request');
    for (let i = 0; i < 3; i++) await h.complete('task_approve', { pass: false, break: false });
    expectTrue(!(await h.running(q.id)), '4: the second run ended');
    expectEqual(await timesEntered(h, q.id, 'event_throw_approved'), 1, '4: approve path');
  },
});
