import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** starts the server the way `pnpm start` does, and collects what it prints */
function start(env: Record<string, string>): { child: ChildProcess; out: () => string; url: Promise<string> } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: join(ROOT, 'runtime'),
    // the embedded database, whatever backend the suite runs on: this is the bare-machine start
    env: { ...process.env, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolveUrl, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      // the server prints its banner in one write; wait for the whole line after the URL
      const m = /running at (http:\/\/\S+)[^\n]*\n[^\n]*API docs[^\n]*\n/.exec(out);
      if (m) resolveUrl(m[1]!.replace('localhost', '127.0.0.1'));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before printing its URL:\n${out}`)));
  });
  return { child, out: () => out, url };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (code) => r(code))));
}

describe('pnpm start on a bare machine', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lz-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the embedded database, prints the URL and a generated admin password once, serves, and stops cleanly on SIGTERM', async () => {
    // when: the first start
    const first = start({ DATA_DIR: dataDir, ADMIN_PASSWORD: '' });
    const url = await first.url;
    // then
    const password = /the password (\S+)/.exec(first.out())?.[1];
    expect(password, first.out()).toBeTruthy();
    expect((await fetch(`${url}/engine-rest/version`)).status).toBe(200);
    expect((await fetch(`${url}/engine-rest/process-definition`)).status).toBe(401);
    const auth = { authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` };
    const defs = await fetch(`${url}/engine-rest/process-definition`, { headers: auth });
    expect(defs.status).toBe(200);
    expect(defs.headers.get('x-request-id')).toBeTruthy();
    // when: SIGTERM
    first.child.kill('SIGTERM');
    // then
    expect(await exited(first.child)).toBe(0);
    expect(first.out()).toContain('SIGTERM: stopping');

    // when: the second start on the same data
    const second = start({ DATA_DIR: dataDir, ADMIN_PASSWORD: '' });
    const url2 = await second.url;
    // then: the password is not printed again and still works
    expect(second.out()).not.toContain('the password');
    expect((await fetch(`${url2}/engine-rest/process-definition`, { headers: auth })).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  });
});
