import { expectEqual, expectTrue } from '../expect.ts';
import { scenario } from '../scenario.ts';
import { swapMatch, timesEntered } from './adapt.ts';

const FILE = 'bound-error-and-timer.bpmn';

/** bpmn-engine's callback script (`next(err)` fails it, no `next` at all leaves it hanging) */
const SCRIPT = /<bpmn:script><!\[CDATA\[if \(!variables\.input\) \{\n {2}next\(new Error\("Input is missing"\)\);[\s\S]*?\]\]><\/bpmn:script>/;

/** the same script in Liuzhuan's JavaScript; `fail` is how it signals the missing input */
const adapted = (fail: string) => (xml: string) =>
  // a script is synchronous here: what bpmn-engine leaves hanging (input === 2) simply completes
  swapMatch(xml, SCRIPT, `<bpmn:script><![CDATA[if (!execution.getVariable('input')) { ${fail} }]]></bpmn:script>`);

/**
 * bpmn-engine #6 — error and timer boundaries on one script task ("is discarded if other bound
 * event completes").
 * Liuzhuan's rule, plain failure vs BPMN error:
 * - a script that fails with an ordinary error (`throw new Error(…)`, bpmn-engine's
 *   `next(new Error(…))`) is NOT a BPMN error: no error boundary catches it, whatever its errorRef.
 *   The task is parked behind a job with retries, then an incident is raised (Camunda 7 semantics);
 *   the instance stays where it is.
 * - only `throw new BpmnError(code)` in the script (or an error end event) reaches an error
 *   boundary event, matched by error code: here 404 → errorEvent → endInError, whose error nobody
 *   catches at process level, so the instance ends with error code 404.
 * The "hanging script" case (input = 2) has no equivalent: a script is not a wait state.
 */
export default scenario({
  name: `bpmn-engine #6 ${FILE}`,
  files: [FILE],
  deploy: false,
  async run(h) {
    // plain failure
    const plain = (await h.deploy([FILE], adapted('throw new Error("Input is missing");'))).definitions[0]!.id;
    const a = await h.engine.startProcessById(plain);
    expectTrue(await h.running(a.id), 'plain error: the instance is still running');
    expectEqual(await timesEntered(h, a.id, 'errorEvent'), 0, 'plain error: the error boundary does not catch it');
    const [job] = await h.engine.getJobs({ processInstanceId: a.id, type: 'async-before' });
    expectTrue(job !== undefined, 'plain error: the script task is parked behind a job');
    await h.advance(60_000); // let the retries run
    const incidents = await h.engine.getIncidents({ processInstanceId: a.id });
    expectEqual(incidents.map((i) => [i.incidentType, i.activityId]), [['failedJob', 'scriptTask']], 'plain error: an incident after the retries');
    expectTrue(incidents[0]!.incidentMessage?.includes('Input is missing') === true, `plain error: the incident names the failure: ${incidents[0]!.incidentMessage}`);
    expectTrue(await h.running(a.id), 'plain error: the instance still waits at the failed task');
    expectEqual(await timesEntered(h, a.id, 'timerEvent'), 0, 'plain error: the timer never fired');
    expectEqual(await timesEntered(h, a.id, 'endInError'), 0, 'plain error: the error end event is not reached');
    expectEqual((await h.engine.getHistoricVariableUpdates({ processInstanceId: a.id, name: 'statusCode' })).length, 0, 'plain error: no statusCode');

    // inputs the script accepts (1; and 2, which bpmn-engine leaves hanging) complete at `end`
    for (const input of [1, 2]) {
      const p = await h.engine.startProcessById(plain, { variables: { input } });
      await h.advance(1000);
      expectTrue(!(await h.running(p.id)), `input ${input}: the instance ended`);
      expectEqual(await timesEntered(h, p.id, 'end'), 1, `input ${input}: normal end`);
      for (const b of ['errorEvent', 'timerEvent']) expectEqual(await timesEntered(h, p.id, b), 0, `input ${input}: ${b} never fired`);
    }

    // BPMN error thrown by the script
    const bpmn = (await h.deploy([FILE], adapted('throw new BpmnError("404", "Input is missing");'))).definitions[0]!.id;
    const c = await h.engine.startProcessById(bpmn);
    await h.advance(1000);
    expectTrue(!(await h.running(c.id)), 'BPMN error: the instance ended');
    expectEqual(await timesEntered(h, c.id, 'errorEvent'), 1, 'BPMN error: the error boundary caught it once');
    expectEqual(await timesEntered(h, c.id, 'endInError'), 1, 'BPMN error: the error end event was reached');
    expectEqual(await timesEntered(h, c.id, 'timerEvent'), 0, 'BPMN error: the timer never fired');
    expectEqual(await timesEntered(h, c.id, 'timedEndEvent'), 0, 'BPMN error: no terminate');
    const [hist] = await h.engine.getHistoricInstances({ processInstanceId: c.id });
    expectEqual(hist?.errorCode ?? null, '404', 'BPMN error: the uncaught error end event code');
    const code = await h.engine.getHistoricVariableUpdates({ processInstanceId: c.id, name: 'statusCode' });
    expectEqual(code.map((u) => u.value), ['404'], 'BPMN error: camunda:errorCodeVariable');
    const msg = await h.engine.getHistoricVariableUpdates({ processInstanceId: c.id, name: 'message' });
    expectEqual(msg.map((u) => u.value), ['Input is missing'], 'BPMN error: camunda:errorMessageVariable');
  },
});
