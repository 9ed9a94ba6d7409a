import { expectEqual, expectTrue } from '../expect.ts';
import { scenario } from '../scenario.ts';
import { joinTokens, openTasks, swap, timesEntered, topActivities } from './adapt.ts';

const FILE = 'mother-of-all.bpmn';

/**
 * bpmn-engine #11 — [DPE] "Mother of all".
 * Liuzhuan decisions:
 * - standard BPMN, no dead-path elimination: the inclusive gateway `manyDecisions` takes its two
 *   unconditional flows (a flow without condition counts as true; the default only when nothing
 *   else is taken), so the parallel `join` gets 2 of its 3 tokens and the instance stays active,
 *   stuck there; the loop through scriptTask2 is never reached;
 * - message flows between pools are documentation, not execution, and the second pool is
 *   isExecutable="false": it is not deployed and never started (bpmn-engine starts it).
 */
export default scenario({
  name: `bpmn-engine #11 ${FILE}`,
  files: [FILE],
  deploy: false,
  async run(h) {
    const result = await h.deploy([FILE], (xml) => {
      // callback-style scripts that only call next(): empty JavaScript bodies
      xml = swap(xml, '<bpmn:script>next()</bpmn:script>', '<bpmn:script>// next()</bpmn:script>');
      xml = swap(xml, '<bpmn:script>next();</bpmn:script>', '<bpmn:script>// next()</bpmn:script>');
      // `environment.variables.stopLoop = true` → a process variable
      xml = swap(xml, '<bpmn:script>environment.variables.stopLoop = true;\nnext();</bpmn:script>', `<bpmn:script>execution.setVariable('stopLoop', true);</bpmn:script>`);
      // JavaScript callback condition → JUEL (stopLoop is given at start: JUEL has no "undefined")
      return swap(xml, 'language="JavaScript">next(null, !environment.variables.stopLoop);', '>${!stopLoop}');
    });
    expectEqual(result.definitions.map((d) => d.key), ['motherOfAll'], 'deployed processes');
    expectEqual(result.skipped, ['participantProcess'], 'the second pool is not executable');

    const p = await h.engine.startProcess('motherOfAll', { variables: { stopLoop: false } });
    expectEqual(await openTasks(h, p.id), ['userTask1'], '1: userTask1 waits');
    await h.complete('userTask1');
    expectEqual(await topActivities(h, p.id), ['subProcess1'], '1: subProcess1 runs');
    expectEqual(await openTasks(h, p.id), ['subUserTask1'], '1: subUserTask1 started implicitly (no start event)');

    await h.advance(100); // subUserTaskTimer PT0.1S
    expectEqual(await timesEntered(h, p.id, 'subUserTaskTimer'), 1, '2: the timer fired');
    expectEqual(await timesEntered(h, p.id, 'subScriptTask1'), 1, '2: subScriptTask1 ran once');
    expectEqual(await openTasks(h, p.id), [], '2: no task left');
    for (const t of ['pickMeTask', 'noPickMeTask']) expectEqual(await timesEntered(h, p.id, t), 1, `2: ${t} taken`);
    expectEqual(await timesEntered(h, p.id, 'defaultTask'), 0, '2: the default flow is not taken');
    expectTrue(await h.running(p.id), '2: the instance is still running');
    expectEqual(await joinTokens(h, p.id), ['join', 'join'], '2: two tokens stuck at the parallel join');
    expectEqual(await topActivities(h, p.id), ['join', 'join'], '2: activity tree');
    expectEqual(await timesEntered(h, p.id, 'scriptTask2'), 0, '3: the loop (and its message flow) is never reached');
    expectEqual(await timesEntered(h, p.id, 'userTask1'), 1, '3: userTask1 ran once');
    expectEqual((await h.engine.getVariables(p.id)).stopLoop, false, '3: stopLoop unchanged');
    expectEqual((await h.engine.getHistoricInstances()).map((i) => i.definitionKey), ['motherOfAll'], '4: one process started, not two');
  },
});
