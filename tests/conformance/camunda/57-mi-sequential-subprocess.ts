import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #57: sequential MI embedded subprocess, loopCardinality 4, completion after 3 */
export default scenario({
  name: 'camunda #57 MultiInstanceTest.testSequentialSubProcessCompletionCondition',
  files: ['MultiInstanceTest.testSequentialSubProcessCompletionCondition.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('miSequentialSubprocessCompletionCondition');
    for (let round = 1; round <= 3; round++) {
      expectTrue(await h.running(pi.id), `running at round ${round}`);
      expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['task one', 'task two'], `tasks at round ${round}`);
      await h.complete('task one');
      // the subprocess instance completes only when both inner branches have ended
      expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['task two'], `tasks after task one at round ${round}`);
      await h.complete('task two');
    }
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), [], 'no tasks after round 3');
    expectTrue(!(await h.running(pi.id)), 'ended after the 3rd round');
  },
});
