import { expectEqual, expectRejects } from '../expect.ts';
import { scenario } from '../scenario.ts';

const FILE = 'call-activity.bpmn';

/**
 * bpmn-engine #10 — "call process in the same diagram".
 * Liuzhuan decision: a process with isExecutable="false" is not deployed (Camunda 7 BpmnParse:
 * "Ignoring non-executable process"), so `called-process` does not exist as a definition and the
 * call activity of Process_1 fails when the start reaches it: LZ_ERR_CALLED_PROCESS_NOT_FOUND
 * naming 'called-process', and nothing of the start is stored. (bpmn-engine runs it anyway.)
 */
export default scenario({
  name: `bpmn-engine #10 ${FILE}`,
  files: [FILE],
  deploy: false,
  async run(h) {
    const result = await h.deploy([FILE]);
    expectEqual(result.definitions.map((d) => d.key), ['Process_1'], 'deployed processes');
    expectEqual(result.skipped, ['called-process'], 'non-executable processes skipped');
    expectEqual(await h.engine.getDefinitions({ key: 'called-process' }), [], 'no definition for called-process');
    const e = await expectRejects(h.engine.startProcess('Process_1'), 'LZ_ERR_CALLED_PROCESS_NOT_FOUND', 'start of Process_1');
    expectEqual(e.message.includes("'called-process'"), true, `the error names called-process: ${e.message}`);
    expectEqual(await h.engine.getHistoricInstances(), [], 'nothing stored by the failed start');
  },
});
