import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, fixture } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { rejectedDeploy } from '../deploy/stored.ts';

// Camunda 7 parses and validates a model at deploy time and refuses the whole deployment
// with every problem it found (ParseException with element ids); nothing of it is stored.

const S = '<startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="t" />';
const E = '<sequenceFlow id="fe" sourceRef="t" targetRef="e" /><endEvent id="e" />';

describe('deploy-time validation', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine({ delegates: { knownHandler: () => undefined } });
  });
  afterAll(() => t.close());

  /** deploys a one-process model that must be refused; returns its problems */
  async function problemsOf(body: string) {
    const err = await rejectedDeploy(t, () => t.engine.deploy([{ name: 'p.bpmn', content: bpmn('p', body) }]));
    expect(err.code).toBe('LZ_ERR_DEPLOY_INVALID');
    expect(err.problems!.every((p) => p.resource === 'p.bpmn')).toBe(true);
    return err.problems!;
  }

  it('names a sequence flow whose source or target does not exist', async () => {
    const problems = await problemsOf(`${S}<userTask id="t" /><sequenceFlow id="dangling" sourceRef="t" targetRef="nowhere" />
      <sequenceFlow id="orphan" sourceRef="ghost" targetRef="t" />`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ elementId: 'dangling', message: expect.stringContaining('nowhere') }),
        expect.objectContaining({ elementId: 'orphan', message: expect.stringContaining('ghost') }),
      ]),
    );
  });

  it('names a boundary event attached to nothing', async () => {
    const problems = await problemsOf(`${S}<userTask id="t" />${E}
      <boundaryEvent id="late" attachedToRef="missingTask"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
      <sequenceFlow id="fl" sourceRef="late" targetRef="e" />`);
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 'late', message: expect.stringContaining('missingTask') }));
  });

  it('names a gateway without outgoing flows', async () => {
    const problems = await problemsOf(`${S}<exclusiveGateway id="t" />`);
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 't', message: expect.stringMatching(/outgoing/) }));
  });

  it('names a default flow that has a condition', async () => {
    const problems = await problemsOf(`${S}<exclusiveGateway id="t" default="dflt" />
      <sequenceFlow id="dflt" sourceRef="t" targetRef="e"><conditionExpression>\${ok}</conditionExpression></sequenceFlow>
      <sequenceFlow id="other" sourceRef="t" targetRef="e"><conditionExpression>\${!ok}</conditionExpression></sequenceFlow><endEvent id="e" />`);
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 'dflt', message: expect.stringContaining("'t'") }));
  });

  it('names an unparsable JUEL condition, quoting it', async () => {
    const problems = await problemsOf(`${S}<exclusiveGateway id="t" default="other" />
      <sequenceFlow id="bad" sourceRef="t" targetRef="e"><conditionExpression>\${amount &gt; }</conditionExpression></sequenceFlow>
      <sequenceFlow id="other" sourceRef="t" targetRef="e" /><endEvent id="e" />`);
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 'bad', message: expect.stringContaining('amount >') }));
  });

  it('refuses a JUEL method call, naming the expression and the element', async () => {
    const problems = await problemsOf(`${S}<exclusiveGateway id="t" default="other" />
      <sequenceFlow id="pricey" sourceRef="t" targetRef="e"><conditionExpression>\${order.getTotal() &gt; 100}</conditionExpression></sequenceFlow>
      <sequenceFlow id="other" sourceRef="t" targetRef="e" /><endEvent id="e" />`);
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 'pricey', message: expect.stringContaining('order.getTotal()') }));
  });

  it('refuses a JUEL method call in a task attribute', async () => {
    const problems = await problemsOf(`${S}<userTask id="t" camunda:assignee="\${user.getName()}" />${E}`);
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 't', message: expect.stringMatching(/assignee.*user\.getName\(\)/) }));
  });

  it('names an unparsable FEEL expression', async () => {
    const problems = await problemsOf(`${S}<exclusiveGateway id="t" default="other" />
      <sequenceFlow id="feelish" sourceRef="t" targetRef="e"><conditionExpression>=amount &gt;</conditionExpression></sequenceFlow>
      <sequenceFlow id="other" sourceRef="t" targetRef="e" /><endEvent id="e" />`);
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 'feelish', message: expect.stringContaining('amount >') }));
  });

  it('names unparsable timer literals (duration and cycle)', async () => {
    const timer = (id: string, def: string) => `<boundaryEvent id="${id}" attachedToRef="t"><timerEventDefinition>${def}</timerEventDefinition></boundaryEvent>
      <sequenceFlow id="f_${id}" sourceRef="${id}" targetRef="e" />`;
    const problems = await problemsOf(`${S}<userTask id="t" />${E}
      ${timer('dur', '<timeDuration>PT5X</timeDuration>')}${timer('cyc', '<timeCycle>R3/bad</timeCycle>')}`);
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 'dur', message: expect.stringContaining('PT5X') }));
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 'cyc', message: expect.stringContaining('R3/bad') }));
  });

  it('names a script task in an unsupported language', async () => {
    const problems = await problemsOf(`${S}<scriptTask id="t" scriptFormat="groovy"><script>x = 1</script></scriptTask>${E}`);
    expect(problems).toEqual([expect.objectContaining({ elementId: 't', message: expect.stringContaining('groovy') })]);
  });

  it('names a service task with no implementation', async () => {
    const problems = await problemsOf(`${S}<serviceTask id="t" />${E}`);
    expect(problems).toEqual([expect.objectContaining({ elementId: 't', message: expect.stringContaining('implementation') })]);
  });

  it('names a camunda:class that is not registered (a registered one deploys)', async () => {
    const problems = await problemsOf(`${S}<serviceTask id="t" camunda:class="com.acme.Unknown" />${E}`);
    expect(problems).toEqual([expect.objectContaining({ elementId: 't', message: expect.stringContaining('com.acme.Unknown') })]);
    const ok = await t.engine.deploy([{ name: 'known.bpmn', content: bpmn('known', `${S}<serviceTask id="t" camunda:class="knownHandler" />${E}`) }]);
    expect(ok.definitions).toHaveLength(1);
  });

  it('reports several problems together; the valid process of the same deployment is not stored', async () => {
    // given: a model with five mistakes and a valid process beside it, plus a valid file
    const resources = [
      { name: 'several.bpmn', content: fixture(import.meta.url, 'several-problems.bpmn') },
      { name: 'good.bpmn', content: bpmn('goodNeighbour', `${S}<userTask id="t" />${E}`) },
    ];
    // when
    const err = await rejectedDeploy(t, () => t.engine.deploy(resources));
    // then
    expect(err.code).toBe('LZ_ERR_DEPLOY_INVALID');
    const ids = err.problems!.map((p) => p.elementId);
    expect(ids).toEqual(expect.arrayContaining(['charge', 'wait', 'calc', 'f5', 'deadEnd']));
    expect(err.problems!.every((p) => p.resource === 'several.bpmn')).toBe(true);
    for (const id of ['charge', 'wait', 'calc', 'f5', 'deadEnd']) expect(err.message).toContain(id);
    expect(await t.engine.getDefinitions({ key: 'fine' })).toEqual([]);
    expect(await t.engine.getDefinitions({ key: 'goodNeighbour' })).toEqual([]);
  });

  it('names a process id used by two files of one deployment', async () => {
    const body = `${S}<userTask id="t" />${E}`;
    const err = await rejectedDeploy(t, () =>
      t.engine.deploy([
        { name: 'a.bpmn', content: bpmn('twin', body) },
        { name: 'b.bpmn', content: bpmn('twin', body) },
      ]),
    );
    expect(err.problems).toContainEqual(expect.objectContaining({ elementId: 'twin', resource: 'b.bpmn' }));
  });

  it('names an element id used twice', async () => {
    const err = await rejectedDeploy(t, () => t.engine.deploy([{ name: 'dup.bpmn', content: bpmn('dup', `${S}<userTask id="t" /><userTask id="approveTwice" /><userTask id="approveTwice" />${E}`) }]));
    expect(['LZ_ERR_DEPLOY_INVALID', 'LZ_ERR_XML_MALFORMED']).toContain(err.code);
    expect(err.message).toMatch(/duplicate|twice/i);
    expect(err.message).toContain('approveTwice');
  });

  it('refuses a deployment without resources', async () => {
    const err = await rejectedDeploy(t, () => t.engine.deploy([]));
    expect(err.code).toBe('LZ_ERR_DEPLOY_EMPTY');
  });
});
