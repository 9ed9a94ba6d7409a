import type { DelegateExecution } from '@liuzhuan/engine';
import { scenario } from '../scenario.ts';
import { expectEqual, expectTrue } from '../expect.ts';

/** Camunda's UndoService: adds 1 to the variable named by the counterName field */
const UndoService = (x: DelegateExecution) => {
  const name = String(x.fields.counterName);
  x.setVariable(name, ((x.getVariable(name) as number | undefined) ?? 0) + 1);
};

/** camunda CASES.md #64: compensation thrown by an end event compensates the whole scope */
export default scenario({
  name: 'camunda #64 CompensateEventTest.testCompensationEndEventWithScope',
  files: ['CompensateEventTest.testCompensationEndEventWithScope.bpmn20.xml'],
  options: { history: true, delegates: { 'org.camunda.bpm.engine.test.bpmn.event.compensate.helper.UndoService': UndoService } },
  async run(h) {
    const e = h.engine;
    const pi = await e.startProcess('compensateProcess');
    expectTrue(pi.ended, 'instance ended synchronously');
    expectTrue(!(await h.running(pi.id)), 'instance is gone');
    const hotel = await e.getHistoricActivities({ processInstanceId: pi.id, activityId: 'undoBookHotel' });
    const flight = await e.getHistoricActivities({ processInstanceId: pi.id, activityId: 'undoBookFlight' });
    expectEqual(hotel.length, 5, 'historic undoBookHotel activity instances');
    expectEqual(flight.length, 5, 'historic undoBookFlight activity instances');
  },
});
