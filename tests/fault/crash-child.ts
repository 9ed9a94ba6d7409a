/**
 * Child process of crash.test.ts: opens the database given by the environment, deploys the
 * model and drives instances as fast as it can from several concurrent loops, printing one
 * line per command that returned (that is: committed). The parent kills it with SIGKILL.
 */
import { Engine } from '@liuzhuan/engine';

const model = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://liuzhuan.test" id="crashDefinitions">
  <process id="crash" isExecutable="true">
    <startEvent id="s" />
    <sequenceFlow id="f0" sourceRef="s" targetRef="calc" />
    <scriptTask id="calc" scriptFormat="javascript" camunda:resultVariable="double"><script>n * 2</script></scriptTask>
    <sequenceFlow id="f1" sourceRef="calc" targetRef="split" />
    <exclusiveGateway id="split" default="toEnd" />
    <sequenceFlow id="toFork" sourceRef="split" targetRef="fork"><conditionExpression xsi:type="tFormalExpression">\${n % 2 == 0}</conditionExpression></sequenceFlow>
    <sequenceFlow id="toEnd" sourceRef="split" targetRef="end" />
    <parallelGateway id="fork" />
    <sequenceFlow id="f2" sourceRef="fork" targetRef="a" /><sequenceFlow id="f3" sourceRef="fork" targetRef="b" />
    <userTask id="a" name="A" /><userTask id="b" name="B" />
    <sequenceFlow id="f4" sourceRef="a" targetRef="join" /><sequenceFlow id="f5" sourceRef="b" targetRef="join" />
    <parallelGateway id="join" />
    <sequenceFlow id="f6" sourceRef="join" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;

async function main(): Promise<void> {
  const engine = await Engine.create({
    database: process.env.CRASH_DATABASE_URL
      ? { databaseUrl: process.env.CRASH_DATABASE_URL, schema: process.env.CRASH_SCHEMA }
      : { dataDir: process.env.CRASH_DATA_DIR },
  });
  await engine.deploy([{ name: 'crash.bpmn', content: model }]);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out('READY');
  let n = Number(process.env.CRASH_OFFSET ?? 0);
  const loop = async (): Promise<void> => {
    for (;;) {
      const i = n++;
      const inst = await engine.startProcess('crash', { variables: { n: i } });
      out(`STARTED ${inst.id} ${inst.ended ? 'ended' : 'waiting'}`);
      if (i % 4 === 0) {
        const tasks = await engine.getTasks({ processInstanceId: inst.id });
        for (const t of tasks) {
          await engine.completeTask(t.id);
          out(`COMPLETED ${t.id} ${inst.id}`);
        }
      }
    }
  };
  await Promise.all([loop(), loop(), loop(), loop()]);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
