import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFixture, deployInline } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { complete, expectGone, openTasks, path } from './leftovers.ts';

describe('link events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployFixture(t.engine, import.meta.url, 'link-events.bpmn');
  });
  afterAll(() => t.close());

  it('the link throw jumps to the catch with the same name and the flow goes on from there', async () => {
    // given
    const inst = await t.engine.startProcess('linked');
    // when
    await complete(t.engine, inst.id, 'first');
    // then
    expect(await openTasks(t.engine, inst.id)).toEqual(['second']);
    expect(await path(t.engine, inst.id)).toEqual(['start', 'first', 'goToB', 'fromB', 'second']);
    await complete(t.engine, inst.id, 'second');
    await expectGone(t.engine, inst.id);
  });

  it('a link throw without a matching catch is refused at deployment', async () => {
    const body = `<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="go" />
      <intermediateThrowEvent id="go"><linkEventDefinition name="nowhere" /></intermediateThrowEvent>`;
    await expect(deployInline(t.engine, 'brokenLink', body)).rejects.toMatchObject({ code: 'LZ_ERR_DEPLOY_INVALID' });
  });
});
