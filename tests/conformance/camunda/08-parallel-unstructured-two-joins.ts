import { expectEqual } from '../expect.ts';
import { scenario } from '../scenario.ts';

export default scenario({
  name: 'camunda #8 ParallelGatewayTest.testUnstructuredConcurrencyTwoJoins',
  files: ['ParallelGatewayTest.testUnstructuredConcurrencyTwoJoins.bpmn20.xml'],
  async run(h) {
    // manual tasks do not wait: the whole run happens inside the start command
    const pi = await h.engine.startProcess('unstructuredConcurrencyTwoJoins');
    expectEqual(pi.ended, true, 'start reports the instance ended');
    expectEqual(await h.running(pi.id), false, 'ended');
    expectEqual((await h.engine.getHistoricActivities({ processInstanceId: pi.id, activityId: 'theEnd' })).length, 1, 'theEnd reached once');
  },
});
