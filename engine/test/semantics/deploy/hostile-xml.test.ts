import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, deployInline } from '../../helpers/fixtures.ts';
import { createTestEngine, type TestEngine } from '../../helpers/test-engine.ts';
import { rejectedDeploy } from './stored.ts';

// Hostile or broken XML is refused before any parser expands or fetches anything (OWASP XXE
// prevention: no DTDs at all), with an LZ_ERR_XML_* code; nothing is stored and running
// instances of other definitions are not disturbed.

const XXE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE definitions [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t" id="d">
  <process id="xxe" name="&x;" isExecutable="true"><startEvent id="s" /></process>
</definitions>`;

const LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t" id="d">
  <process id="laughs" name="&lol9;" isExecutable="true"><startEvent id="s" /></process>
</definitions>`;

const INTERNAL_SUBSET = `<?xml version="1.0"?>
<!DOCTYPE definitions [ <!ATTLIST process isExecutable CDATA "true"> ]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t" id="d">
  <process id="dtd"><startEvent id="s" /></process>
</definitions>`;

const ONE_STEP = `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" />
  <userTask id="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />`;

describe('hostile and broken XML', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await createTestEngine();
    await deployInline(t.engine, 'bystander', ONE_STEP);
  });
  afterAll(() => t.close());

  /** starts an instance of another definition, runs the bad deploy, then completes the instance */
  async function refusedWhileOthersRun(content: string | Uint8Array, name = 'bad.bpmn') {
    // given
    const other = await t.engine.startProcess('bystander');
    // when
    const err = await rejectedDeploy(t, () => t.engine.deploy([{ name, content }]));
    // then: the other instance is untouched and still completes
    const [task] = await t.engine.getTasks({ processInstanceId: other.id });
    await t.engine.completeTask(task!.id);
    expect(await t.engine.getProcessInstance(other.id)).toBeNull();
    expect((await t.engine.getHistoricInstances({ processInstanceId: other.id }))[0]?.state).toBe('COMPLETED');
    return err;
  }

  it('refuses an external entity (XXE) without reading the file', async () => {
    const err = await refusedWhileOthersRun(XXE);
    expect(err.code).toBe('LZ_ERR_XML_FORBIDDEN_DTD');
    expect(err.message).not.toContain('root:');
  });

  it('refuses a billion-laughs entity bomb at once', async () => {
    const err = await refusedWhileOthersRun(LAUGHS);
    expect(err.code).toBe('LZ_ERR_XML_FORBIDDEN_DTD');
  });

  it('refuses an internal DTD subset (it could change attribute defaults)', async () => {
    const err = await refusedWhileOthersRun(INTERNAL_SUBSET);
    expect(err.code).toBe('LZ_ERR_XML_FORBIDDEN_DTD');
  });

  it('refuses a DTD sent as bytes in UTF-16', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(XXE.replace('UTF-8', 'UTF-16'), 'utf16le')]);
    const err = await refusedWhileOthersRun(bytes);
    expect(err.code).toBe('LZ_ERR_XML_FORBIDDEN_DTD');
  });

  it('refuses malformed XML (unclosed and mismatched tags)', async () => {
    const unclosed = bpmn('broken', ONE_STEP).replace('</process>', '');
    expect((await refusedWhileOthersRun(unclosed)).code).toBe('LZ_ERR_XML_MALFORMED');
    const mismatched = bpmn('broken', '<startEvent id="s"></endEvent>');
    expect((await refusedWhileOthersRun(mismatched)).code).toBe('LZ_ERR_XML_MALFORMED');
  });

  it('refuses XML that is not BPMN', async () => {
    const note = `<?xml version="1.0"?><note><to>Tove</to><from>Jani</from></note>`;
    expect((await refusedWhileOthersRun(note)).code).toMatch(/^LZ_ERR_XML_/);
    // BPMN element names, but outside the BPMN namespace
    const noNs = `<definitions id="d"><process id="p" isExecutable="true"><startEvent id="s" /></process></definitions>`;
    expect((await refusedWhileOthersRun(noNs)).code).toMatch(/^LZ_ERR_XML_/);
  });

  it('refuses empty and blank input', async () => {
    expect((await refusedWhileOthersRun('')).code).toBe('LZ_ERR_XML_MALFORMED');
    expect((await refusedWhileOthersRun('  \n\t ')).code).toBe('LZ_ERR_XML_MALFORMED');
    expect((await refusedWhileOthersRun(new Uint8Array())).code).toBe('LZ_ERR_XML_MALFORMED');
  });

  it('refuses a 20 MB document, as text and as bytes', async () => {
    const huge = bpmn('huge', `<startEvent id="s"><documentation>${'x'.repeat(20 * 1024 * 1024)}</documentation></startEvent>`);
    const err = await refusedWhileOthersRun(huge);
    expect(err.code).toBe('LZ_ERR_XML_TOO_LARGE');
    expect((await refusedWhileOthersRun(Buffer.from(huge, 'utf8'))).code).toBe('LZ_ERR_XML_TOO_LARGE');
  });

  it('refuses bytes that are not valid in the declared encoding, and unknown encodings', async () => {
    const badUtf8 = Buffer.concat([Buffer.from(bpmn('bad8', '<startEvent id="s" name="'), 'utf8')]);
    const withBadByte = Buffer.concat([badUtf8.subarray(0, badUtf8.indexOf('name="') + 6), Buffer.from([0xc3, 0x28]), Buffer.from('" /></process></definitions>')]);
    expect((await refusedWhileOthersRun(withBadByte)).code).toBe('LZ_ERR_XML_ENCODING');
    const ebcdic = Buffer.from(bpmn('ebcdic', '<startEvent id="s" />').replace('UTF-8', 'EBCDIC-XYZ'), 'latin1');
    expect((await refusedWhileOthersRun(ebcdic)).code).toBe('LZ_ERR_XML_ENCODING');
  });

  it('refuses deeply nested markup with a clear error, not a stack overflow', async () => {
    // given: 20,000 nested sub-processes (about 600 kB, far below the size limit)
    let open = '';
    let close = '';
    for (let i = 0; i < 20_000; i++) {
      open += `<subProcess id="sp${i}">`;
      close += '</subProcess>';
    }
    // when / then
    const err = await refusedWhileOthersRun(bpmn('deep', open + close));
    expect(err.code).toMatch(/^LZ_ERR_(XML_|DEPLOY_INVALID)/);
    // deep foreign extension elements are only carried along, and do not hurt either
    const ext = `<ext:a xmlns:ext="urn:x">${'<ext:a>'.repeat(100_000)}${'</ext:a>'.repeat(100_000)}</ext:a>`;
    const ok = await deployInline(t.engine, 'deepExtension', `<startEvent id="s"><extensionElements>${ext}</extensionElements></startEvent>`);
    expect(ok.definitions).toHaveLength(1);
  });

  it('reads the predefined entities and character references (they are not DTD entities)', async () => {
    await deployInline(t.engine, 'refs', '<startEvent id="s" name="R&amp;D &#252;ber &lt;3 &#x4E2D;&quot;" />');
    const [def] = await t.engine.getDefinitions({ key: 'refs' });
    expect(def).toBeDefined();
    const xml = await t.engine.getDefinitionXml(def!.id);
    expect(xml?.content).toContain('&amp;');
    const inst = await t.engine.startProcess('refs');
    const [start] = await t.engine.getHistoricActivities({ processInstanceId: inst.id });
    expect(start?.activityName).toBe('R&D über <3 中"');
  });

  it('stores nothing when one hostile resource sits beside a valid one', async () => {
    const err = await rejectedDeploy(t, () =>
      t.engine.deploy([
        { name: 'good.bpmn', content: bpmn('goodBeside', ONE_STEP) },
        { name: 'bad.bpmn', content: XXE },
      ]),
    );
    expect(err.code).toBe('LZ_ERR_XML_FORBIDDEN_DTD');
    expect(await t.engine.getDefinitions({ key: 'goodBeside' })).toEqual([]);
  });

  it('deploys a script whose CDATA merely mentions <!DOCTYPE html> (no DTD in the document)', async () => {
    // given: a JavaScript that builds an HTML mail; the text is character data, not markup
    const body = `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="js" />
      <scriptTask id="js" scriptFormat="javascript" camunda:resultVariable="html">
        <script><![CDATA["<!DOCTYPE html><p>" + who + "</p>"]]></script>
      </scriptTask><sequenceFlow id="f2" sourceRef="js" targetRef="e" /><endEvent id="e" />`;
    // when
    await deployInline(t.engine, 'htmlMail', body);
    const inst = await t.engine.startProcess('htmlMail', { variables: { who: 'Ana' } });
    // then
    const [html] = await t.engine.getHistoricVariableUpdates({ processInstanceId: inst.id, name: 'html' });
    expect(html?.value).toBe('<!DOCTYPE html><p>Ana</p>');
  });
});
