import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';

// XML 1.0 §4.3.3: a document says its encoding by a byte-order mark or its declaration. Files
// saved by older modelers and Windows tools come as UTF-16 with BOM or ISO-8859-1; Camunda 7
// reads both. Names with umlauts must come out as written, not as mojibake.

const BODY = `<startEvent id="s" name="Anfang" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" />
  <userTask id="t" name="Größe prüfen" camunda:assignee="jürgen" />
  <sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" name="Schluß" />`;

function model(key: string, encoding: string): string {
  return bpmn(key, BODY).replace('encoding="UTF-8"', `encoding="${encoding}"`).replace(`id="${key}"`, `id="${key}" name="Bestellprüfung ${key}"`);
}

describe('document encodings', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
  });
  afterAll(() => t.close());

  async function deployAndRun(key: string, content: Uint8Array) {
    // when
    const result = await t.engine.deploy([{ name: `${key}.bpmn`, content }]);
    // then: the definition and its elements keep their names
    expect(result.definitions.map((d) => [d.key, d.name])).toEqual([[key, `Bestellprüfung ${key}`]]);
    const inst = await t.engine.startProcess(key);
    const [task] = await t.engine.getTasks({ processInstanceId: inst.id });
    expect(task?.name).toBe('Größe prüfen');
    expect(task?.assignee).toBe('jürgen');
    await t.engine.completeTask(task!.id);
    const [hist] = await t.engine.getHistoricInstances({ processInstanceId: inst.id });
    expect(hist?.state).toBe('COMPLETED');
    const acts = await t.engine.getHistoricActivities({ processInstanceId: inst.id, activityId: 'e' });
    expect(acts[0]?.activityName).toBe('Schluß');
    return result;
  }

  it('reads a UTF-16 little-endian document with BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(model('utf16le', 'UTF-16'), 'utf16le')]);
    await deployAndRun('utf16le', bytes);
  });

  it('reads a UTF-16 big-endian document with BOM', async () => {
    const le = Buffer.from(model('utf16be', 'UTF-16'), 'utf16le');
    const be = Buffer.from(le).swap16();
    await deployAndRun('utf16be', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  });

  it('reads a UTF-8 document with BOM', async () => {
    await deployAndRun('utf8bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(model('utf8bom', 'UTF-8'), 'utf8')]));
  });

  it('reads an ISO-8859-1 document with umlauts in names', async () => {
    // given: one byte per umlaut (ö = 0xF6), which is not valid UTF-8
    const bytes = Buffer.from(model('latin1', 'ISO-8859-1'), 'latin1');
    expect(bytes.includes(0xf6)).toBe(true);
    // when / then
    await deployAndRun('latin1', bytes);
  });

  it('keeps the decoded text as the stored resource', async () => {
    const bytes = Buffer.from(model('latin1Stored', 'ISO-8859-1'), 'latin1');
    const { definitions } = await t.engine.deploy([{ name: 'latin1Stored.bpmn', content: bytes }]);
    const xml = await t.engine.getDefinitionXml(definitions[0]!.id);
    expect(xml?.content).toContain('Größe prüfen');
  });
});
