import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, ManualClock } from '@liuzhuan/engine';
import { RequestNumbers } from '../../src/services/request-numbers/index.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

// The counter per process key and period (the rendered date part of lz.serialPattern), read
// from the engine's clock: a second engine on the app's database with a ManualClock draws.

const processXml = (key: string, pattern: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:extensionElements><camunda:properties><camunda:property name="lz.serialPattern" value="${pattern}" /></camunda:properties></bpmn:extensionElements>
    <bpmn:startEvent id="s" />
    <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />
    <bpmn:userTask id="t" />
  </bpmn:process>
</bpmn:definitions>`;

describe('request-number counters', () => {
  let t: TestApp;
  let engine: Engine;
  let numbers: RequestNumbers;
  const clock = new ManualClock(new Date(2026, 11, 31, 23, 59));
  const defs = new Map<string, string>();
  beforeAll(async () => {
    t = await createTestApp();
    engine = await Engine.create({ db: t.app.engine.db, clock });
    numbers = new RequestNumbers(engine, async (id) => id);
    const patterns = { daily: 'D-{yyyyMMdd}-{seq3}', monthly: 'M{yy}{MM}-{seq2}', plain: 'P{seq4}', twinA: 'T-{yyyy}-{seq1}', twinB: 'T-{yyyy}-{seq1}' };
    const res = await t.app.engine.deploy(Object.entries(patterns).map(([key, p]) => ({ name: `${key}.bpmn`, content: processXml(key, p) })));
    for (const d of res.definitions) defs.set(d.key, d.id);
  });
  afterAll(async () => {
    await engine.close();
    await t.close();
  });

  const draw = async (key: string) => (await numbers.draw(await engine.getDefinitionModel(defs.get(key)!), {}, null)).serialNo;
  /** draws and records, as a start does */
  const file = async (key: string, instanceId: string) => {
    const model = await engine.getDefinitionModel(defs.get(key)!);
    const info = await numbers.draw(model, {}, null);
    await numbers.record(instanceId, key, info);
    return info.serialNo;
  };

  it('restarts the counter when the date part changes, and only then', async () => {
    // given the last minute of 2026
    clock.set(new Date(2026, 11, 31, 23, 59));
    expect([await draw('daily'), await draw('daily'), await draw('monthly'), await draw('plain')]).toEqual(['D-20261231-001', 'D-20261231-002', 'M2612-01', 'P0001']);
    // when the clock passes midnight into a new month and year
    clock.advance(2 * 60_000);
    // then the dated counters start again; the undated one goes on
    expect([await draw('daily'), await draw('monthly'), await draw('plain')]).toEqual(['D-20270101-001', 'M2701-01', 'P0002']);
    // and a day later only the daily one restarts
    clock.advance(24 * 3600_000);
    expect([await draw('daily'), await draw('monthly'), await draw('plain')]).toEqual(['D-20270102-001', 'M2701-02', 'P0003']);
  });

  it('grows past the digits of {seqN} rather than repeat', async () => {
    clock.set(new Date(2028, 0, 1));
    const got: string[] = [];
    for (let i = 0; i < 11; i++) got.push((await draw('twinA'))!);
    expect(got.slice(8)).toEqual(['T-2028-9', 'T-2028-10', 'T-2028-11']);
  });

  it('skips a number another process with the same pattern already gave', async () => {
    // given twinA gave T-2029-1 and T-2029-2
    clock.set(new Date(2029, 5, 1));
    expect([await file('twinA', 'i-a1'), await file('twinA', 'i-a2')]).toEqual(['T-2029-1', 'T-2029-2']);
    // when twinB, with its own counter, draws
    // then it passes over the numbers taken
    expect(await file('twinB', 'i-b1')).toBe('T-2029-3');
    expect((await numbers.infoOf(['i-a1', 'i-a2', 'i-b1'])).size).toBe(3);
  });
});
