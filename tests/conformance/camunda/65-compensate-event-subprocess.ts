import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** camunda CASES.md #65: compensation event subprocess of an already completed subprocess */
export default scenario({
  name: 'camunda #65 CompensateEventTest.testCompensationEventSubprocessWithoutBoundaryEvents',
  files: ['CompensateEventTest.testCompensationEventSubprocessWithoutBoundaryEvents.bpmn20.xml'],
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('compensateProcess');
    for (const name of ['Book Hotel', 'Book Flight', 'throw compensation']) {
      expectEqual(await h.taskNames({ processInstanceId: pi.id }), [name], `task before completing ${name}`);
      await h.complete(name);
    }
    // the compensation event subprocess of the completed scope runs now
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Cancel Flight'], 'first compensation task');
    await h.complete('Cancel Flight');
    expectEqual(await h.taskNames({ processInstanceId: pi.id }), ['Cancel Hotel'], 'second compensation task');
    await h.complete('Cancel Hotel');
    expectTrue(!(await h.running(pi.id)), 'instance ended');
  },
});
