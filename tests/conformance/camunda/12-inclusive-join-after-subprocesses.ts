import { expectEqual, expectRejects } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #12 InclusiveGatewayTest.testJoinAfterSubprocesses',
  files: ['InclusiveGatewayTest.testJoinAfterSubprocesses.bpmn20.xml'],
  async run(h) {
    const assignees = async (pi: string) => (await h.tasks({ processInstanceId: pi })).map((t) => t.assignee).sort();

    // 1. both branches
    const p1 = (await h.engine.startProcess('InclusiveGateway', { variables: { a: 1, b: 1 } })).id;
    expectEqual(await assignees(p1), ['a', 'b'], '1. both subprocess tasks');
    await h.complete('usertask1');
    expectEqual(await assignees(p1), ['b'], '1. the join waits for the other subprocess');
    await h.complete('usertask2');
    expectEqual(await assignees(p1), ['c'], '1. the join fired');
    await h.complete('usertask3');
    expectEqual(await h.running(p1), false, '1. ended');

    // 2. one branch only
    const p2 = (await h.engine.startProcess('InclusiveGateway', { variables: { a: 1, b: 2 } })).id;
    expectEqual(await assignees(p2), ['a'], '2. one subprocess task');
    await h.complete('usertask1');
    expectEqual(await assignees(p2), ['c'], '2. the join fired at once');
    await h.complete('usertask3');
    expectEqual(await h.running(p2), false, '2. ended');

    // 3. no branch
    await expectRejects(h.engine.startProcess('InclusiveGateway', { variables: { a: 2, b: 2 } }), 'LZ_ERR_NO_OUTGOING_FLOW', '3. start with a=2, b=2');
    expectEqual((await h.engine.getProcessInstances({ processDefinitionKey: 'InclusiveGateway' })).length, 0, '3. no instance left');
  },
});
