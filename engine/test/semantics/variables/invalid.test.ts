import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployInline } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { typedValue } from '../../../src/index.ts';

// A value that cannot be stored and read back unchanged is refused up front with
// LZ_ERR_VARIABLE_INVALID, naming the variable; the command changes nothing.

const WAIT = `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" />
  <userTask id="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />`;

function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { down: v };
  return v;
}

const cyclic: Record<string, unknown> = { name: 'loop' };
cyclic.self = cyclic;

const INVALID: [string, unknown][] = [
  ['a NUL character in a string', 'abc\u0000def'],
  ['an unpaired surrogate', 'broken \ud800 text'],
  ['a function', () => 1],
  ['a symbol', Symbol('s')],
  ['NaN', Number.NaN],
  ['NaN typed as Double', typedValue('Double', Number.NaN)],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['JSON nested 100 deep', nested(100)],
  ['a cyclic object', cyclic],
  ['a function inside JSON', { ok: 1, fn: () => 2 }],
  ['a NUL inside JSON', { text: 'a\u0000b' }],
  ['NaN inside a JSON array', [1, Number.NaN]],
  ['a fraction typed as Integer', typedValue('Integer', 1.5)],
  ['2^31 typed as Integer', typedValue('Integer', 2 ** 31)],
  ['text typed as Boolean', typedValue('Boolean', 'yes')],
  ['an unparsable Date', typedValue('Date', 'not a date')],
  ['an invalid Date object', new Date(Number.NaN)],
];

describe('invalid variable values', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployInline(t.engine, 'wait', WAIT);
  });
  afterAll(() => t.close());

  it.each(INVALID)('refuses %s at start; no instance is stored', async (_what, value) => {
    // when
    const err = await t.engine.startProcess('wait', { businessKey: 'refused', variables: { ok: 1, bad: value } }).catch((e: unknown) => e);
    // then
    expect(err).toMatchObject({ code: 'LZ_ERR_VARIABLE_INVALID' });
    expect((err as Error).message).toContain("'bad'");
    expect(await t.engine.getHistoricInstances({ businessKey: 'refused' })).toEqual([]);
    expect(await t.engine.getProcessInstances({ processDefinitionKey: 'wait' })).toEqual([]);
  });

  it.each(INVALID)('refuses %s in setVariables and completeTask; nothing changes', async (_what, value) => {
    // given
    const inst = await t.engine.startProcess('wait', { variables: { ok: 1 } });
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    // when
    const set = await t.engine.setVariables(inst.id, { ok: 2, bad: value }).catch((e: unknown) => e);
    const complete = await t.engine.completeTask(task!.id, { ok: 3, bad: value }).catch((e: unknown) => e);
    // then
    expect(set).toMatchObject({ code: 'LZ_ERR_VARIABLE_INVALID' });
    expect(complete).toMatchObject({ code: 'LZ_ERR_VARIABLE_INVALID' });
    expect(await t.engine.getVariables(inst.id)).toEqual({ ok: 1 });
    const updates = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id });
    expect(updates.map((u) => [u.name, u.operation, u.value])).toEqual([['ok', 'create', 1]]);
    expect((await t.engine.getTasks({ processInstanceId: inst.id })).map((x) => x.id)).toEqual([task!.id]);
    await t.engine.deleteProcessInstance(inst.id);
  });

  it('refuses bad variable names (empty, control characters, longer than 255)', async () => {
    for (const name of ['', 'tab\there', 'x'.repeat(256)]) {
      const err = await t.engine.startProcess('wait', { variables: { [name]: 1 } }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'LZ_ERR_VARIABLE_INVALID' });
    }
    expect(await t.engine.getProcessInstances({ processDefinitionKey: 'wait' })).toEqual([]);
  });

  it('accepts JSON nested 60 deep (within the limit)', async () => {
    const inst = await t.engine.startProcess('wait', { variables: { deep: nested(60) } });
    expect((await t.engine.getVariables(inst.id)).deep).toEqual(nested(60));
    await t.engine.deleteProcessInstance(inst.id);
  });
});
