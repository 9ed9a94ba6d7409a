import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, ManualClock } from '../../src/index.ts';
import { bpmn } from '../helpers/fixtures.ts';
import { openTestDb } from '../helpers/test-engine.ts';
import type { Db } from '../../src/index.ts';

const v = (n: number) =>
  bpmn('twoEngines', `<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="t${n}" /><userTask id="t${n}" name="version ${n}" />`);

async function until(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe('two engines on one database (two runtime processes)', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let a: Engine;
  let b: Engine;
  beforeAll(async () => {
    ({ db, drop } = await openTestDb());
    const clock = new ManualClock();
    a = await Engine.create({ db, clock });
    b = await Engine.create({ db, clock });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await drop();
  });

  it('a version deployed by one engine is what the other starts next', async () => {
    // given: engine a knows version 1 as the latest
    await a.deploy([{ name: 'two.bpmn', content: v(1) }]);
    const first = await a.startProcess('twoEngines');
    expect((await a.getTasks({ processInstanceId: first.id }))[0]?.name).toBe('version 1');
    // when: engine b deploys version 2
    await b.deploy([{ name: 'two.bpmn', content: v(2) }]);
    // then: engine a starts version 2 once the deployment's notification arrived
    const seen = await until(async () => {
      const i = await a.startProcess('twoEngines');
      return (await a.getTasks({ processInstanceId: i.id }))[0]?.name === 'version 2';
    });
    expect(seen).toBe(true);
  });
});
