import type { DelegateExecution } from '@liuzhuan/engine';
import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** Camunda's UndoService: adds 1 to the variable named by the counterName field */
const UndoService = (x: DelegateExecution) => {
  const name = String(x.fields.counterName);
  x.setVariable(name, ((x.getVariable(name) as number | undefined) ?? 0) + 1);
};

/** camunda CASES.md #60: compensating an already completed subprocess (activityRef="scope") */
export default scenario({
  name: 'camunda #60 CompensateEventTest.testCompensateSubprocess',
  files: ['CompensateEventTest.testCompensateSubprocess.bpmn20.xml'],
  options: { delegates: { 'org.camunda.bpm.engine.test.bpmn.event.compensate.helper.UndoService': UndoService } },
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('compensateProcess');
    // the handler ran once per completed MI instance of bookHotel
    expectEqual((await e.getVariables(pi.id)).undoBookHotel, 5, 'undoBookHotel');
    const wait = (await e.getExecutions(pi.id)).find((x) => x.activityId === 'beforeEnd');
    expectTrue(!!wait, 'token waits at receive task beforeEnd');
    await e.trigger(wait!.id);
    expectTrue(!(await h.running(pi.id)), 'instance ended');
  },
});
