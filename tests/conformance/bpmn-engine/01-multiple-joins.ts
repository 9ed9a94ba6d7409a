import { expectEqual, expectTrue } from '../expect.ts';
import { scenario } from '../scenario.ts';
import { joinTokens, openTasks, swap, timesEntered, topActivities } from './adapt.ts';

const FILE = 'multiple-joins.bpmn';

/**
 * bpmn-engine #1 — [DPE] "completes process with multiple joins in discarded path".
 * Liuzhuan decision: standard BPMN, no dead-path elimination. A parallel join waits for a token
 * on every incoming flow, so join2 (fed by userTask2 and userTask3, behind an XOR) and join1
 * never fire: the instance stays active with its tokens stuck at the joins.
 */
export default scenario({
  name: `bpmn-engine #1 ${FILE}`,
  files: [FILE],
  deploy: false,
  async run(h) {
    await h.deploy([FILE], (xml) => {
      // JavaScript conditions on `this.variables` → JUEL on the process variable
      xml = swap(xml, 'language="JavaScript"><![CDATA[this.variables.input <= 50]]>', '><![CDATA[${input <= 50}]]>');
      xml = swap(xml, 'language="JavaScript"><![CDATA[this.variables.input >= 50]]>', '><![CDATA[${input >= 50}]]>');
      // callback-style scripts that only call next(): an empty JavaScript body
      return swap(xml, '<bpmn:script>next();</bpmn:script>', '<bpmn:script>// next()</bpmn:script>');
    });

    // input = 51: the default flow runs scriptTask1 into join1, which waits for join2 forever
    const a = await h.engine.startProcess('multiple-joins', { variables: { input: 51 } });
    expectTrue(await h.running(a.id), 'input 51: the instance is still running');
    expectEqual(await timesEntered(h, a.id, 'scriptTask1'), 1, 'input 51: scriptTask1 ran');
    expectEqual(await joinTokens(h, a.id), ['join1'], 'input 51: token waiting at join1');
    expectEqual(await topActivities(h, a.id), ['join1'], 'input 51: activity tree');
    expectEqual(await timesEntered(h, a.id, 'scriptTask2'), 0, 'input 51: scriptTask2 never runs');

    // input = 50 (follows from the model): userTask1, then userTask2; join2 gets one of two tokens
    const b = await h.engine.startProcess('multiple-joins', { variables: { input: 50 } });
    expectEqual(await openTasks(h, b.id), ['userTask1'], 'input 50: userTask1 waits');
    expectEqual(await topActivities(h, b.id), ['userTask1'], 'input 50: activity tree (the default flow to scriptTask1 is not taken)');
    expectEqual(await joinTokens(h, b.id), [], 'input 50: no token at a join yet');
    await h.complete('userTask1');
    expectEqual(await openTasks(h, b.id), ['userTask2'], 'input 50: userTask2 (input >= 50) waits');
    await h.complete('userTask2');
    expectEqual(await openTasks(h, b.id), [], 'input 50: no task left');
    expectTrue(await h.running(b.id), 'input 50: the instance is still running');
    expectEqual(await joinTokens(h, b.id), ['join2'], 'input 50: token stuck at join2');
    expectEqual(await topActivities(h, b.id), ['join2'], 'input 50: activity tree');
    expectEqual(await timesEntered(h, b.id, 'scriptTask2'), 0, 'input 50: scriptTask2 never runs');
  },
});
