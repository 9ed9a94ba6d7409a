import type { DelegateExecution } from '@liuzhuan/engine';
import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** Camunda's UndoService: adds 1 to the variable named by the counterName field */
const UndoService = (x: DelegateExecution) => {
  const name = String(x.fields.counterName);
  x.setVariable(name, ((x.getVariable(name) as number | undefined) ?? 0) + 1);
};

/** camunda CASES.md #61: throw compensation with activityRef="bookHotel" compensates only bookHotel */
export default scenario({
  name: 'camunda #61 CompensateEventTest.testCompensateActivityRef',
  files: ['CompensateEventTest.testCompensateActivityRef.bpmn20.xml'],
  options: { delegates: { 'org.camunda.bpm.engine.test.bpmn.event.compensate.helper.UndoService': UndoService } },
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('compensateProcess');
    const vars = await e.getVariables(pi.id);
    expectEqual(vars.undoBookHotel, 5, 'undoBookHotel');
    expectTrue(!('undoBookFlight' in vars), `undoBookFlight is unset (got ${JSON.stringify(vars.undoBookFlight)})`);
    const wait = (await e.getExecutions(pi.id)).find((x) => x.activityId === 'beforeEnd');
    expectTrue(!!wait, 'token waits at receive task beforeEnd');
    await e.trigger(wait!.id);
    expectTrue(!(await h.running(pi.id)), 'instance ended');
  },
});
