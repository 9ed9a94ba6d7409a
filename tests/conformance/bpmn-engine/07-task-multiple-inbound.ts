import { expectEqual, expectTrue } from '../expect.ts';
import { scenario } from '../scenario.ts';
import { openTasks, swap, timesEntered } from './adapt.ts';

const FILE = 'task-multiple-inbound.bpmn';

/**
 * bpmn-engine #7 — "multiple inbounds completes process".
 * `script` has two inbound flows (from `user` and from user's interrupting timer): an uncontrolled
 * merge, one run per arriving token, never a join (BPMN 2.0 §13.2.1). A cancelled boundary timer
 * sends nothing, so `script` runs once per token that really arrives.
 */
export default scenario({
  name: `bpmn-engine #7 ${FILE}`,
  files: [FILE],
  deploy: false,
  async run(h) {
    await h.deploy([FILE], (xml) => {
      // `this.variables.input++` (starting from 0) → execution.getVariable / setVariable
      xml = swap(
        xml,
        `<![CDATA[if (!this.variables.input) {\n  this.variables.input = 0;\n}\n\nthis.variables.input++;\n\nnext();]]>`,
        `<![CDATA[execution.setVariable('input', (execution.getVariable('input') || 0) + 1);]]>`,
      );
      // JavaScript loop condition → JUEL
      return swap(xml, 'language="JavaScript"><![CDATA[this.variables.input < 2]]>', '><![CDATA[${input < 2}]]>');
    });

    // every waiting activity signalled at once with {input: 1}: only `user` waits
    const a = await h.engine.startProcess('multipleInboundProcess', { variables: { input: 0 } });
    expectEqual(await openTasks(h, a.id), ['user'], 'signalled: user waits');
    await h.complete('user', { input: 1 });
    expectTrue(!(await h.running(a.id)), 'signalled: the instance ended');
    expectEqual(await timesEntered(h, a.id, 'script'), 1, 'signalled: script ran once (at most 3)');
    expectEqual(await timesEntered(h, a.id, 'timerEvent'), 0, 'signalled: the timer never fired');
    expectEqual(await timesEntered(h, a.id, 'end'), 1, 'signalled: one end');

    // nobody signals: the timer takes each round, script increments input, loops once, then ends
    const b = await h.engine.startProcess('multipleInboundProcess', { variables: { input: 0 } });
    await h.advance(100);
    expectEqual(await timesEntered(h, b.id, 'script'), 1, 'timer: script ran after the first timeout');
    expectEqual(await openTasks(h, b.id), ['user'], 'timer: looped back to user (input 1 < 2)');
    await h.advance(100);
    expectTrue(!(await h.running(b.id)), 'timer: the instance ended');
    expectEqual(await timesEntered(h, b.id, 'timerEvent'), 2, 'timer: two timeouts');
    expectEqual(await timesEntered(h, b.id, 'script'), 2, 'timer: script ran once per timeout');
    expectEqual(await timesEntered(h, b.id, 'task'), 2, 'timer: task entered twice');
    const input = await h.engine.getHistoricVariableUpdates({ processInstanceId: b.id, name: 'input' });
    expectEqual(input.at(-1)?.value, 2, 'timer: final input');
  },
});
