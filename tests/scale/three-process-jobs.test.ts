import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '@liuzhuan/engine';

/**
 * Three runtime processes (the real server, `runtime/src/server.ts`) share one PostgreSQL
 * schema and its job executor work: 2,000 instances each wait at an async continuation whose
 * script sets a variable. Every continuation must run exactly once, and every process must
 * have run some of them. Runs only with DATABASE_URL (tests/vitest.config.ts): three processes
 * cannot share an in-memory PGlite.
 */
const PG = process.env.DATABASE_URL!;
const SCHEMA = `lzscale_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
const PASSWORD = 'scale-admin-secret';
const INSTANCES = 2000;
const ROOT = join(import.meta.dirname, '../..');

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  targetNamespace="http://liuzhuan.test" id="scaleJobsDefs">
  <process id="scaleJobs" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="work" />
    <scriptTask id="work" scriptFormat="javascript" camunda:asyncBefore="true">
      <script>execution.setVariable('ran', (execution.getVariable('ran') || 0) + 1);</script>
    </scriptTask>
    <sequenceFlow id="f1" sourceRef="work" targetRef="e" /><endEvent id="e" />
  </process>
</definitions>`;

interface Runtime {
  child: ChildProcess;
  url: string;
  output: string[];
}

/** starts `node --import tsx runtime/src/server.ts` and resolves once it listens */
function startRuntime(name: string): Promise<Runtime> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/src/server.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: PG,
        DATABASE_SCHEMA: SCHEMA,
        PORT: '0',
        JOB_POLL_MS: '50',
        ADMIN_PASSWORD: PASSWORD,
        LOG_LEVEL: 'warn',
        PLUGINS: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    let resolved = false;
    const onData = (d: Buffer) => {
      for (const line of String(d).split('\n')) {
        if (!line) continue;
        output.push(line);
        const m = /running at (http:\/\/\S+)/.exec(line);
        if (m && !resolved) {
          resolved = true;
          resolve({ child, url: m[1]!.replace('localhost', '127.0.0.1'), output });
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      if (!resolved) reject(new Error(`runtime ${name} exited (${code}) before listening:\n${output.join('\n')}`));
    });
  });
}

/** SIGTERM, then the executor's counts from its last words */
function stopRuntime(r: Runtime): Promise<{ executed: number; failed: number; conflicts: number; acquired: number; released: number }> {
  return new Promise((resolve, reject) => {
    r.child.once('exit', () => {
      const line = r.output.find((l) => l.startsWith('job executor stopped: '));
      if (!line) return reject(new Error(`no job executor stats in:\n${r.output.join('\n')}`));
      resolve(JSON.parse(line.slice('job executor stopped: '.length)));
    });
    r.child.kill('SIGTERM');
  });
}

const auth = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;

describe('three runtime processes share the jobs of one database', () => {
  let engine: Engine;
  const runtimes: Runtime[] = [];

  beforeAll(async () => {
    // the first process creates the schema, the tables and the admin; the others join it
    runtimes.push(await startRuntime('a'));
    runtimes.push(...(await Promise.all([startRuntime('b'), startRuntime('c')])));
    engine = await Engine.create({ database: { databaseUrl: PG, schema: SCHEMA, poolSize: 4 } });
    await engine.deploy([{ name: 'scale.bpmn', content: MODEL }]);
  }, 120_000);

  afterAll(async () => {
    for (const r of runtimes) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    if (engine) {
      await engine.db.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
      await engine.close();
    }
  });

  it('2,000 async continuations run exactly once each, and every process runs some', async () => {
    // when: instances are started over HTTP, spread over the three processes
    let next = 0;
    const startOne = async (i: number) => {
      const r = runtimes[i % runtimes.length]!;
      const res = await fetch(`${r.url}/engine-rest/process-definition/key/scaleJobs/start`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify({ businessKey: `n-${i}` }),
      });
      expect(res.status).toBe(200);
    };
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < INSTANCES) await startOne(next++);
      }),
    );
    // then: all of them end (the job executors of the three processes do it by themselves)
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && (await engine.countHistoricInstances({ processDefinitionKey: 'scaleJobs', finished: true })) < INSTANCES) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await engine.countHistoricInstances({ processDefinitionKey: 'scaleJobs', finished: true })).toBe(INSTANCES);
    const q = (sql: string) => engine.db.query<Record<string, unknown>>(sql);
    // each continuation ran once: one history entry per instance for the task, one write of `ran`, value 1
    expect(await q(`SELECT instance_id FROM hist_activity_instances WHERE element_id = 'work' GROUP BY instance_id HAVING count(*) <> 1`)).toEqual([]);
    expect(Number((await q(`SELECT count(*) AS n FROM hist_activity_instances WHERE element_id = 'work'`))[0]!.n)).toBe(INSTANCES);
    const updates = await engine.getHistoricVariableUpdates({ name: 'ran' });
    expect(updates).toHaveLength(INSTANCES);
    expect(updates.filter((u) => u.value !== 1)).toEqual([]);
    expect(await q(`SELECT id FROM jobs`)).toEqual([]);
    expect(await q(`SELECT id FROM incidents`)).toEqual([]);
    // and the work was shared: each process ran jobs, together exactly one run per job
    const stats = await Promise.all(runtimes.map(stopRuntime));
    for (const s of stats) expect(s.executed).toBeGreaterThan(0);
    expect(stats.reduce((n, s) => n + s.executed, 0)).toBe(INSTANCES);
    expect(stats.reduce((n, s) => n + s.failed, 0)).toBe(0);
  }, 180_000);
});
