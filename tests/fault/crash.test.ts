import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine, type Db } from '@liuzhuan/engine';

const PG = process.env.DATABASE_URL;
const dataDir = mkdtempSync(join(tmpdir(), 'lz-crash-'));
const schema = `lzcrash_${Date.now().toString(36)}`;

interface ChildLog {
  started: Map<string, 'ended' | 'waiting'>;
  completed: Set<string>;
}

/** runs the child until it has made `atLeast` commits, then kills it with SIGKILL */
function runAndKill(atLeast: number, offset: number): Promise<ChildLog> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-child.ts')], {
      env: { ...process.env, CRASH_DATA_DIR: dataDir, CRASH_DATABASE_URL: PG ?? '', CRASH_SCHEMA: schema, CRASH_OFFSET: String(offset) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log: ChildLog = { started: new Map(), completed: new Set() };
    let commits = 0;
    let buf = '';
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    child.stdout.on('data', (d) => {
      buf += String(d);
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        const [kind, a, b] = line.split(' ');
        if (kind === 'STARTED') log.started.set(a!, b as 'ended' | 'waiting');
        if (kind === 'COMPLETED') log.completed.add(a!);
        if (kind === 'STARTED' || kind === 'COMPLETED') commits += 1;
      }
      if (commits >= atLeast && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(log);
      else reject(new Error(`child exited on its own (${code}): ${err}`));
    });
  });
}

async function openEngine(): Promise<Engine> {
  return Engine.create({ database: PG ? { databaseUrl: PG, schema } : { dataDir } });
}

async function checkConsistency(db: Db): Promise<void> {
  const q = (sql: string) => db.query<Record<string, unknown>>(sql);
  // no execution is left half-way: every token stands at a wait state
  expect(await q(`SELECT id, element_id, state FROM executions WHERE state NOT IN ('waiting', 'scope', 'joining', 'async-before', 'async-after', 'event-scope')`)).toEqual([]);
  // every running instance has its root execution and an open history row
  expect(await q(`SELECT i.id FROM process_instances i LEFT JOIN executions e ON e.id = i.id WHERE e.id IS NULL`)).toEqual([]);
  expect(await q(`SELECT i.id FROM process_instances i LEFT JOIN hist_process_instances h ON h.id = i.id WHERE h.id IS NULL OR h.end_time IS NOT NULL`)).toEqual([]);
  // ended instances left nothing behind
  expect(await q(`SELECT h.id FROM hist_process_instances h JOIN executions e ON e.instance_id = h.id WHERE h.end_time IS NOT NULL`)).toEqual([]);
  // every waiting user-task execution has exactly one task, every task an execution
  expect(await q(`SELECT e.id FROM executions e LEFT JOIN tasks t ON t.execution_id = e.id WHERE e.state = 'waiting' AND e.element_id IN ('a','b') GROUP BY e.id HAVING count(t.id) <> 1`)).toEqual([]);
  expect(await q(`SELECT t.id FROM tasks t LEFT JOIN executions e ON e.id = t.execution_id WHERE e.id IS NULL`)).toEqual([]);
  // no variable outlives its scope
  expect(await q(`SELECT v.id FROM variables v LEFT JOIN executions e ON e.id = v.scope_id WHERE e.id IS NULL`)).toEqual([]);
  // a waiting join holds one token at most per branch
  expect(await q(`SELECT parent_id FROM executions WHERE element_id = 'join' GROUP BY parent_id, data->>'flow' HAVING count(*) > 1`)).toEqual([]);
}

describe('crash safety: SIGKILL in the middle of load', () => {
  afterAll(async () => {
    if (PG) {
      const e = await openEngine();
      await e.db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await e.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('after each kill every instance is at a committed wait state or finished, and none is lost', async () => {
    let offset = 0;
    for (let round = 0; round < 3; round++) {
      // given: a child process running load against the database, killed mid-flight
      const log = await runAndKill(120, offset);
      offset += 100_000;
      // when: the same database is opened again
      const engine = await openEngine();
      try {
        // then: everything the child saw committed is there, in the state it reported or further on
        for (const [id, state] of log.started) {
          const hist = (await engine.getHistoricInstances({ processInstanceId: id }))[0];
          expect(hist, `instance ${id} lost`).toBeDefined();
          if (state === 'ended') expect(hist!.endTime).not.toBeNull();
        }
        for (const taskId of log.completed) {
          const [h] = (await engine.getHistoricTasks()).filter((x) => x.id === taskId);
          expect(h?.deleteReason, `completion of ${taskId} lost`).toBe('completed');
          expect(await engine.getTask(taskId)).toBeNull();
        }
        await checkConsistency(engine.db);
        // and the engine carries on: every open task can be completed, every instance ends
        for (const t of await engine.getTasks({ max: 10_000 })) await engine.completeTask(t.id);
        expect(await engine.countProcessInstances({ processDefinitionKey: 'crash' })).toBe(0);
        await checkConsistency(engine.db);
      } finally {
        await engine.close();
      }
    }
  });
});
