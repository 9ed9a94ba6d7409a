import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.ts';
import { discoverPacks, PackLoadError } from '../../src/services/packs/index.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { copyOfOa, DEFINITIONS, installPacks } from './packs-setup.ts';

/** the problems an install of an edited copy of the OA pack reports; nothing may be stored */
async function problemsOf(t: TestApp, edit: (pack: string) => void): Promise<string[]> {
  const copy = copyOfOa();
  try {
    edit(copy.pack);
    const e = await installPacks(t, { dir: copy.dir }).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(PackLoadError);
    expect(await t.app.engine.countDeployments({})).toBe(0);
    expect((await t.app.identity.listUsers()).map((u) => u.id)).toEqual(['admin']);
    return (e as PackLoadError).problems.map((p) => p.replaceAll(copy.dir, '<packs>'));
  } finally {
    copy.remove();
  }
}

const edit = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  expect(next, `${file} has ${String(from)}`).not.toBe(text);
  writeFileSync(file, next);
};

describe('a pack that is wrong is refused at boot, with every problem named, and nothing is installed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('pack.json: unknown fields and a startable key that is not a process of the pack', async () => {
    const problems = await problemsOf(t, (p) => {
      const manifest = JSON.parse(readFileSync(join(p, 'pack.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(p, 'pack.json'), JSON.stringify({ ...manifest, author: 'me' }));
    });
    expect(problems).toEqual(["<packs>/oa/pack.json: 'author' is not a known field"]);
    const more = await problemsOf(t, (p) => edit(join(p, 'pack.json'), '"oa-seal",', '"oa-seal", "oa-holiday",'));
    expect(more).toEqual(["<packs>/oa/pack.json: startable names 'oa-holiday', which is not a process of the pack"]);
  });

  it('pack.json that is not JSON', async () => {
    const problems = await problemsOf(t, (p) => writeFileSync(join(p, 'pack.json'), '{ "id": "oa", '));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^<packs>\/oa\/pack\.json: not valid JSON/);
  });

  it('a process key without the pack prefix, and a form reference to no form of the pack', async () => {
    const problems = await problemsOf(t, (p) => {
      edit(join(p, 'processes', 'seal.bpmn'), /id="oa-seal"/g, 'id="seal"');
      edit(join(p, 'processes', 'leave.bpmn'), 'camunda:formRef="oa-leave-approve"', 'camunda:formRef="leave-approve"');
    });
    expect(problems).toContain("<packs>/oa/processes/seal.bpmn: process key 'seal' must be 'oa-<name>' (the pack id, a dash, a name)");
    expect(problems).toContain("<packs>/oa/processes/leave.bpmn: camunda:formRef 'leave-approve' names no form in <packs>/oa/forms");
    expect(problems).toContain("<packs>/oa/pack.json: startable names 'oa-seal', which is not a process of the pack");
  });

  it('a model the engine would not deploy: the file and the element', async () => {
    const problems = await problemsOf(t, (p) => edit(join(p, 'processes', 'leave.bpmn'), '${days &gt; 3}', '${days &gt;}'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^<packs>\/oa\/processes\/leave\.bpmn: moreThan3: /);
  });

  it('an entity type that is not valid: the file and the JSON pointer', async () => {
    const problems = await problemsOf(t, (p) => edit(join(p, 'entities', 'document.entity.json'), '"type": "integer", "minimum": 0', '"type": "whole-number"'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^<packs>\/oa\/entities\/document\.entity\.json \/properties\/revision\/type/);
  });

  it('a seed whose manager is not a person of the seed', async () => {
    const problems = await problemsOf(t, (p) => edit(join(p, 'seed', 'org.json'), '"manager": "ma.chao"', '"manager": "ma.xiaochao"'));
    expect(problems).toContain("<packs>/oa/seed/org.json: user 'hu.jun': manager 'ma.xiaochao' is not a user of the seed");
  });

  it('a pack that requires a pack that is not there', async () => {
    const problems = await problemsOf(t, (p) => edit(join(p, 'pack.json'), '"packs": []', '"packs": ["erp"]'));
    expect(problems).toEqual(["<packs>/oa/pack.json: requires the pack 'erp', which is not installed with it (not found, or left out by PACKS)"]);
  });
});

describe('finding packs', () => {
  it('PACKS=none installs nothing; a PACKS_DIR that does not exist is an error; a pack id given twice too', () => {
    expect(discoverPacks({ dir: DEFINITIONS, mustExist: true, packs: 'none' })).toEqual([]);
    expect(() => discoverPacks({ dir: join(DEFINITIONS, 'nope'), mustExist: true, packs: 'all' })).toThrow(/the packs folder .*nope \(PACKS_DIR\) does not exist/);
    expect(discoverPacks({ dir: join(DEFINITIONS, 'nope'), mustExist: false, packs: 'all' })).toEqual([]);
    expect(() => discoverPacks({ dir: DEFINITIONS, mustExist: true, packs: ['crm'] })).toThrow("PACKS names 'crm', but");
    const copy = copyOfOa();
    try {
      mkdirSync(join(copy.dir, 'oa2'));
      writeFileSync(join(copy.dir, 'oa2', 'pack.json'), readFileSync(join(copy.pack, 'pack.json')));
      expect(() => discoverPacks({ dir: copy.dir, mustExist: true, packs: 'all' })).toThrow("pack id 'oa' is also the id of");
    } finally {
      rmSync(copy.dir, { recursive: true, force: true });
    }
  });

  it('the settings: PACKS, PACKS_DIR, DEMO, DEMO_PASSWORD', () => {
    const c = readConfig({});
    expect(c).toMatchObject({ packs: 'all', packsDir: DEFINITIONS, packsDirGiven: false, demo: true, demoPassword: 'demo' });
    expect(readConfig({ PACKS: 'oa, crm', DEMO: 'off', DEMO_PASSWORD: 'x' })).toMatchObject({ packs: ['oa', 'crm'], demo: false, demoPassword: 'x' });
    expect(readConfig({ PACKS: 'none', PACKS_DIR: '/tmp/my-packs' })).toMatchObject({ packs: 'none', packsDir: '/tmp/my-packs', packsDirGiven: true });
    expect(() => readConfig({ DEMO: 'maybe' })).toThrow("DEMO must be on or off, not 'maybe'");
    expect(() => readConfig({ PACKS: 'OA Pack' })).toThrow("PACKS must be 'all', 'none' or a comma list of pack ids; 'OA Pack' is not a pack id");
  });
});
