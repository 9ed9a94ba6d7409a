import { expectEqual, expectRejects, expectTrue } from '../expect.ts';
import { scenario } from '../scenario.ts';
import { joinTokens, swap, timesEntered, topActivities } from './adapt.ts';

const FILE = 'succeeding-joins.bpmn';

/**
 * bpmn-engine #2 — [DPE] "completes process with succeeding joins".
 * Liuzhuan decision: standard BPMN, no dead-path elimination. join1 and join2 each have three
 * incoming flows and wait for a token on every one; the XOR decisions never feed all of them, so
 * for every combination of takeJoin1/takeJoin2 the instance stays active with tokens stuck at a join.
 */
export default scenario({
  name: `bpmn-engine #2 ${FILE}`,
  files: [FILE],
  deploy: false,
  async run(h) {
    await h.deploy([FILE], (xml) => {
      // bpmn-engine's `variables.` prefix → the process variable itself (JUEL)
      xml = swap(xml, '${variables.takeJoin1}', '${takeJoin1}');
      return swap(xml, '${variables.takeJoin2}', '${takeJoin2}');
    });

    // "execute with no variables": bpmn-engine reads a missing variable as falsy; in JUEL (as in
    // Camunda 7) an unknown variable in a condition is an error and the start is not stored
    await expectRejects(h.engine.startProcess('succeedingJoinProcess'), 'LZ_ERR_UNKNOWN_VARIABLE', 'start without takeJoin1/takeJoin2');
    expectEqual((await h.engine.getHistoricInstances({ processDefinitionKey: 'succeedingJoinProcess' })).length, 0, 'nothing stored by the failed start');

    // every combination deadlocks; where the tokens wait follows from the model
    const cases: [boolean, boolean, string[]][] = [
      [false, false, ['join1', 'join1', 'join2']], // join1 misses flow-up-join1, join2 has only decision1's default
      [true, false, ['join2']], // join1 gets all three and fires; join2 then has 1 of 3
      [false, true, ['join1', 'join2', 'join2']], // join1 has only the direct flow, join2 misses join1's
      [true, true, ['join1', 'join1', 'join2']], // join1 misses decision2's default flow
    ];
    for (const [takeJoin1, takeJoin2, waiting] of cases) {
      const what = `takeJoin1=${takeJoin1} takeJoin2=${takeJoin2}`;
      const p = await h.engine.startProcess('succeedingJoinProcess', { variables: { takeJoin1, takeJoin2 } });
      expectTrue(await h.running(p.id), `${what}: the instance is still running`);
      expectEqual(await joinTokens(h, p.id), waiting, `${what}: tokens waiting at joins`);
      expectEqual(await topActivities(h, p.id), waiting, `${what}: activity tree`);
      expectEqual(await timesEntered(h, p.id, 'end'), 0, `${what}: the end event is never reached`);
    }
  },
});
