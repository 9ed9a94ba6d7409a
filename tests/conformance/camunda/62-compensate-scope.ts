import type { DelegateExecution } from '@liuzhuan/engine';
import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** Camunda's UndoService: adds 1 to the variable named by the counterName field */
const UndoService = (x: DelegateExecution) => {
  const name = String(x.fields.counterName);
  x.setVariable(name, ((x.getVariable(name) as number | undefined) ?? 0) + 1);
};

/** camunda CASES.md #62: throw compensation without activityRef compensates everything in the scope */
export default scenario({
  name: 'camunda #62 CompensateEventTest.testCompensateScope',
  files: ['CompensateEventTest.testCompensateScope.bpmn20.xml'],
  options: { delegates: { 'org.camunda.bpm.engine.test.bpmn.event.compensate.helper.UndoService': UndoService } },
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('compensateProcess');
    const vars = await e.getVariables(pi.id);
    expectEqual(vars.undoBookHotel, 5, 'undoBookHotel');
    expectEqual(vars.undoBookFlight, 5, 'undoBookFlight');
    const wait = (await e.getExecutions(pi.id)).find((x) => x.activityId === 'beforeEnd');
    expectTrue(!!wait, 'token waits at receive task beforeEnd');
    await e.trigger(wait!.id);
    expectTrue(!(await h.running(pi.id)), 'instance ended');
  },
});
