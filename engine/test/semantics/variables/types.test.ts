import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployInline } from '../../helpers/fixtures.ts';
import { createTestEngine, T0, type TestEngine } from '../../helpers/test-engine.ts';
import { typedValue } from '../../../src/index.ts';

// Camunda 7 value types: a value keeps the type it was stored with (Integer stays Integer,
// Long stays Long even when small), and comes back as that type.

const WAIT = `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" />
  <userTask id="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />`;

describe('variable types', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployInline(t.engine, 'wait', WAIT);
  });
  afterAll(() => t.close());

  const when = new Date(T0 + 1234);

  it('stores every type and reads it back with its type', async () => {
    // given / when
    const inst = await t.engine.startProcess('wait', {
      variables: {
        s: 'text with ünïcödé and 😀',
        b: false,
        i: -2147483648,
        l: 3_000_000_000,
        d: 0.1 + 0.2,
        dt: when,
        obj: { a: 1, nested: { list: [1, 'two', null, true] } },
        arr: [{ x: 1 }, { x: 2 }],
        n: null,
        u: undefined,
        empty: '',
      },
    });
    // then
    const typed = Object.fromEntries((await t.engine.getTypedVariables(inst.id)).map((v) => [v.name, v.type]));
    expect(typed).toEqual({ s: 'String', b: 'Boolean', i: 'Integer', l: 'Long', d: 'Double', dt: 'Date', obj: 'Json', arr: 'Json', n: 'Null', u: 'Null', empty: 'String' });
    const vars = await t.engine.getVariables(inst.id);
    expect(vars).toEqual({
      s: 'text with ünïcödé and 😀',
      b: false,
      i: -2147483648,
      l: 3_000_000_000,
      d: 0.30000000000000004,
      dt: when,
      obj: { a: 1, nested: { list: [1, 'two', null, true] } },
      arr: [{ x: 1 }, { x: 2 }],
      n: null,
      u: null,
      empty: '',
    });
    expect(vars.dt).toBeInstanceOf(Date);
  });

  it('keeps an explicit type: typedValue("Long", 5) stays Long, also after an update', async () => {
    // given
    const inst = await t.engine.startProcess('wait', { variables: { counter: typedValue('Long', 5), amount: typedValue('Double', 10) } });
    // when
    await t.engine.setVariables(inst.id, { counter: typedValue('Long', 6) });
    // then
    const typed = await t.engine.getTypedVariables(inst.id);
    expect(typed.map((v) => [v.name, v.type, v.value])).toEqual([
      ['amount', 'Double', 10],
      ['counter', 'Long', 6],
    ]);
  });

  it('keeps Long values beyond 2^53 exactly (as BigInt)', async () => {
    const big = 9_007_199_254_740_993n;
    const inst = await t.engine.startProcess('wait', { variables: { big, bigText: typedValue('Long', '-9223372036854775808') } });
    const vars = await t.engine.getVariables(inst.id);
    expect(vars.big).toBe(big);
    expect(vars.bigText).toBe(-9223372036854775808n);
    const typed = await t.engine.getTypedVariables(inst.id);
    expect(typed.map((v) => v.type)).toEqual(['Long', 'Long']);
  });

  it('turns an ISO string into a Date when typed as Date, and reads it back as a Date', async () => {
    const inst = await t.engine.startProcess('wait', { variables: { due: typedValue('Date', '2026-03-01T10:00:00Z') } });
    const vars = await t.engine.getVariables(inst.id);
    expect(vars.due).toEqual(new Date('2026-03-01T10:00:00Z'));
    const [typed] = await t.engine.getTypedVariables(inst.id);
    expect(typed?.type).toBe('Date');
  });

  it('records the type of every change in history', async () => {
    const inst = await t.engine.startProcess('wait', { variables: { l: 3_000_000_000, dt: when, obj: { k: [1] } } });
    const updates = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id });
    expect(updates.map((u) => [u.name, u.type]).sort()).toEqual([
      ['dt', 'Date'],
      ['l', 'Long'],
      ['obj', 'Json'],
    ]);
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    await t.engine.completeTask(task!.id, { i: 7 });
    const [i] = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id, name: 'i' });
    expect(i).toMatchObject({ type: 'Integer', value: 7 });
  });

  it('accepts names with spaces, dots, dashes and non-ASCII letters', async () => {
    const names = ['order total', 'order.total', 'order-total', 'größe', '注文'];
    const inst = await t.engine.startProcess('wait', { variables: Object.fromEntries(names.map((n, i) => [n, i])) });
    expect(await t.engine.getVariables(inst.id)).toEqual(Object.fromEntries(names.map((n, i) => [n, i])));
  });
});
