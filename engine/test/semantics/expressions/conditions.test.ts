import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// Sequence flow conditions in JUEL (`${…}`, Camunda 7) and FEEL (`=…` or language="feel").
// Each case is a gateway with one conditional flow to `yes` and the default flow to `no`.

const CASES: Record<string, string> = {
  juelAnd: '${amount > 1000 &amp;&amp; approved}',
  juelEmpty: '${empty items}',
  juelNotEmpty: '${not empty name and name != \'nobody\'}',
  juelTernary: "${(vip ? 'gold' : 'std') == 'gold'}",
  juelJsonPath: "${order.lines[1].qty >= 2 and order['customer'].tier == 'A'}",
  juelLong: '${big > 3000000000}',
  feelEquals: '=amount > 1000',
  feelJson: '=count(order.lines) = 2 and order.customer.tier = "A"',
};

function gateway(key: string, condition: string, language = ''): string {
  return bpmn(
    key,
    `<startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="gw" />
    <exclusiveGateway id="gw" default="toNo" />
    <sequenceFlow id="toYes" sourceRef="gw" targetRef="yes"><conditionExpression xsi:type="tFormalExpression"${language}>${condition}</conditionExpression></sequenceFlow>
    <sequenceFlow id="toNo" sourceRef="gw" targetRef="no" />
    <endEvent id="yes" /><endEvent id="no" />`,
  );
}

describe('conditions in JUEL and FEEL', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    const resources = Object.entries(CASES).map(([key, c]) => ({ name: `${key}.bpmn`, content: gateway(key, c) }));
    resources.push({ name: 'feelLang.bpmn', content: gateway('feelLang', 'amount &gt; 1000', ' language="feel"') });
    resources.push({ name: 'typo.bpmn', content: gateway('typo', '${amout > 1000}') });
    resources.push({ name: 'feelTypo.bpmn', content: gateway('feelTypo', '=amout &gt; 1000') });
    resources.push({ name: 'notBoolean.bpmn', content: gateway('notBoolean', '${amount}') });
    await t.engine.deploy(resources);
  });
  afterAll(() => t.close());

  async function endOf(key: string, variables: Record<string, unknown>): Promise<string | null> {
    const inst = await t.engine.startProcess(key, { variables });
    expect(inst.ended).toBe(true);
    return (await t.engine.getHistoricInstances({ processInstanceId: inst.id }))[0]!.endActivityId;
  }

  const order = { lines: [{ sku: 'X', qty: 1 }, { sku: 'Y', qty: 3 }], customer: { tier: 'A' } };

  it.each([
    ['juelAnd', { amount: 1500, approved: true }, 'yes'],
    ['juelAnd', { amount: 1500, approved: false }, 'no'],
    ['juelAnd', { amount: 999, approved: true }, 'no'],
    ['juelEmpty', { items: [] }, 'yes'],
    ['juelEmpty', { items: null }, 'yes'],
    ['juelEmpty', { items: '' }, 'yes'],
    ['juelEmpty', { items: ['a'] }, 'no'],
    ['juelNotEmpty', { name: 'Ana' }, 'yes'],
    ['juelNotEmpty', { name: '' }, 'no'],
    ['juelTernary', { vip: true }, 'yes'],
    ['juelTernary', { vip: false }, 'no'],
    ['juelJsonPath', { order }, 'yes'],
    ['juelJsonPath', { order: { ...order, customer: { tier: 'B' } } }, 'no'],
    ['juelLong', { big: 5_000_000_000 }, 'yes'],
    ['juelLong', { big: 2_000_000_000 }, 'no'],
    ['feelEquals', { amount: 1001 }, 'yes'],
    ['feelEquals', { amount: 1000 }, 'no'],
    ['feelJson', { order }, 'yes'],
    ['feelJson', { order: { ...order, lines: [] } }, 'no'],
    ['feelLang', { amount: 2000 }, 'yes'],
    ['feelLang', { amount: 2 }, 'no'],
  ] as const)('%s with %j ends at %s', async (key, variables, expected) => {
    expect(await endOf(key, variables)).toBe(expected);
  });

  it('an unknown variable fails the start with LZ_ERR_UNKNOWN_VARIABLE, naming variable and element; nothing is stored', async () => {
    // when
    const err = await t.engine.startProcess('typo', { variables: { amount: 5000 }, businessKey: 'typo-1' }).catch((e: unknown) => e);
    // then
    expect(err).toMatchObject({ code: 'LZ_ERR_UNKNOWN_VARIABLE' });
    expect((err as Error).message).toContain('amout');
    expect((err as Error).message).toMatch(/toYes|gw/);
    expect(await t.engine.getProcessInstances({ processDefinitionKey: 'typo' })).toEqual([]);
    expect(await t.engine.getHistoricInstances({ processDefinitionKey: 'typo' })).toEqual([]);
    expect(await t.engine.getHistoricInstances({ businessKey: 'typo-1' })).toEqual([]);
  });

  it('a FEEL condition on an unknown variable fails the start (null is not a boolean); nothing is stored', async () => {
    // Zeebe raises an incident: "Expected BOOLEAN but was NULL … No variable found with name 'amout'"
    const err = await t.engine.startProcess('feelTypo', { variables: { amount: 5000 }, businessKey: 'typo-2' }).catch((e: unknown) => e);
    expect(['LZ_ERR_UNKNOWN_VARIABLE', 'LZ_ERR_CONDITION_NOT_BOOLEAN']).toContain((err as { code?: string }).code);
    expect((err as Error).message).toContain('amout');
    expect(await t.engine.getHistoricInstances({ businessKey: 'typo-2' })).toEqual([]);
  });

  it('a condition that is not a boolean fails the start with LZ_ERR_CONDITION_NOT_BOOLEAN; nothing is stored', async () => {
    const err = await t.engine.startProcess('notBoolean', { variables: { amount: 5 }, businessKey: 'nb-1' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'LZ_ERR_CONDITION_NOT_BOOLEAN' });
    expect((err as Error).message).toContain('toYes');
    expect(await t.engine.getHistoricInstances({ businessKey: 'nb-1' })).toEqual([]);
  });
});
