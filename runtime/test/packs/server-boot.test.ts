import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const RUNTIME = resolve(import.meta.dirname, '../..');

/** `pnpm start`'s server process (runtime/src/server.ts) on a fresh embedded database */
function boot(dataDir: string): { child: ChildProcess; out: () => string; url: Promise<string> } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: RUNTIME,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', ADMIN_PASSWORD: 'admin-secret-1', DEMO: '', DEMO_PASSWORD: '', PACKS: '', PACKS_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((done, fail) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /running at (http:\/\/\S+)[\s\S]*?\n {2}pack oa [^\n]*\n[^\n]*\n/.exec(out);
      if (m) done(m[1]!.replace('localhost', '127.0.0.1'));
    });
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => fail(new Error(`the server exited with ${code} before it was ready:\n${out}`)));
  });
  return { child, out: () => out, url };
}

const stopped = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (c) => r(c))));

describe('pnpm start with the packs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lz-packs-boot-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('installs the OA pack and its demo org, prints them with the URL, and a restart changes nothing', async () => {
    // when: the first start
    const first = boot(dataDir);
    const url = await first.url;
    // then
    expect(first.out()).toContain('pack oa 1.0.0 (办公审批): 7 processes, 7 new versions');
    expect(first.out()).toMatch(/demo: 20 users \(wang\.qiang, zhao\.min, li\.na, …\) seeded now, log in with 'demo'/);
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhang.wei', password: 'demo' }) });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const catalogue = await fetch(`${url}/api/catalogue`, { headers: { authorization: `Bearer ${token}` } });
    expect(catalogue.status).toBe(200);
    const keys = ((await catalogue.json()) as { items: { key: string }[] }).items.map((i) => i.key);
    expect(keys.sort()).toEqual(['oa-business-trip', 'oa-document-publish', 'oa-expense', 'oa-general', 'oa-leave', 'oa-purchase-request', 'oa-seal']);
    first.child.kill('SIGTERM');
    expect(await stopped(first.child), first.out()).toBe(0);

    // when: the second start on the same data
    const second = boot(dataDir);
    await second.url;
    // then
    expect(second.out()).toContain('pack oa 1.0.0 (办公审批): 7 processes, unchanged');
    expect(second.out()).toContain('seeded at an earlier start');
    second.child.kill('SIGTERM');
    expect(await stopped(second.child), second.out()).toBe(0);
  }, 120_000);
});
