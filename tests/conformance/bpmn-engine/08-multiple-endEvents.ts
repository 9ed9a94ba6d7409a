import { expectEqual, expectTrue } from '../expect.ts';
import { scenario } from '../scenario.ts';
import { swap, timesEntered } from './adapt.ts';

const FILE = 'multiple-endEvents.bpmn';

/**
 * bpmn-engine #8 — "multiple end events completes all flows".
 * Both inclusive gateways have outgoing flows without condition: such a flow always counts as
 * true, so every flow is taken. The instance ends once its last token (at `end`) is consumed.
 */
export default scenario({
  name: `bpmn-engine #8 ${FILE}`,
  files: [FILE],
  deploy: false,
  async run(h) {
    await h.deploy([FILE], (xml) =>
      // `variables.input++; next();` → execution.getVariable / setVariable (both scripts)
      swap(xml, '<![CDATA[variables.input++;\nnext();]]>', `<![CDATA[execution.setVariable('input', execution.getVariable('input') + 1);]]>`),
    );
    const p = await h.engine.startProcess('multipleEndProcess', { variables: { input: 0 } });
    expectTrue(!(await h.running(p.id)), 'the instance ended');
    for (const id of ['script1', 'script2', 'end1', 'end2', 'end']) expectEqual(await timesEntered(h, p.id, id), 1, `${id} taken once`);
    const ends = await h.engine.getHistoricActivities({ processInstanceId: p.id, activityType: 'endEvent' });
    expectTrue(
      ends.length === 3 && ends.every((e) => e.endTime !== null),
      'all three end events completed',
    );
    const input = await h.engine.getHistoricVariableUpdates({ processInstanceId: p.id, name: 'input' });
    expectEqual(input.at(-1)?.value, 2, 'final input');
  },
});
