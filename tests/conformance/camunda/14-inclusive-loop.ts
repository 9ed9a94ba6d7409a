import type { ScriptHost } from '@liuzhuan/engine';
import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #14 InclusiveGatewayTest.testLoop',
  files: ['InclusiveGatewayTest.testLoop.bpmn20.xml'],
  options: {
    // stands in for the Groovy script of task A: counter += 1 on the process instance
    scriptEngines: {
      groovy: (_source: string, host: ScriptHost) => {
        host.setVariable('counter', (host.variables.counter as number) + 1);
        return { value: null, logs: [] };
      },
    },
  },
  async run(h) {
    const pi = (await h.engine.startProcess('inclusiveTestLoop', { variables: { counter: 1 } })).id;
    expectEqual(await h.taskNames({ processInstanceId: pi }), ['task C'], 'the only task');
    expectEqual((await h.engine.getVariables(pi)).counter, 6, 'A looped until counter > 5');
    const tree = await h.engine.getActivityTree(pi);
    // join1 fired after the loop; join2 holds its token and waits for C
    expectEqual(tree?.childActivityInstances.map((c) => c.activityId).sort(), ['C', 'inclusiveJoin2'], 'activity instances');
    await h.complete('task C');
    expectEqual((await h.tasks()).length, 0, 'no task');
    expectEqual((await h.engine.getExecutions(pi)).length, 0, 'no execution');
    expectEqual(await h.running(pi), false, 'ended');
  },
});
