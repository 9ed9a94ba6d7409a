import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, ManualClock, openDb, type Db, type DeploymentResult, type EngineOptions } from '@liuzhuan/engine';

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

let template: Blob | undefined;

/** the PGlite template dump, made once per run (a fresh initdb per case would cost seconds) */
async function pgliteTemplate(): Promise<Blob> {
  if (!template) {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite();
    await db.waitReady;
    template = await db.dumpDataDir('none');
    await db.close();
  }
  return template;
}

async function openCaseDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `lzc_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const db = await openDb({ databaseUrl: url, schema, poolSize: 4 });
    return {
      db,
      drop: async () => {
        await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await db.close();
      },
    };
  }
  const db = await openDb({ pgliteTemplate: await pgliteTemplate() });
  return { db, drop: () => db.close() };
}

/**
 * What a scenario script works with: an engine on a database of its own, a virtual clock,
 * and the corpus folder its models are read from.
 */
export class Harness {
  private constructor(
    readonly engine: Engine,
    readonly clock: ManualClock,
    readonly folder: string,
    private readonly drop: () => Promise<void>,
  ) {}

  static async create(folder: string, opts: Partial<EngineOptions> = {}): Promise<Harness> {
    const { db, drop } = await openCaseDb();
    const clock = new ManualClock(T0);
    const engine = await Engine.create({ db, clock, ...opts });
    return new Harness(engine, clock, folder, drop);
  }

  /** a corpus file as text (for adapters; the engine itself is given the raw bytes) */
  read(file: string): string {
    return readFileSync(join(this.folder, file), 'utf8');
  }

  /** deploys corpus files, optionally transformed first (an adapter, as betsy's own adapters do) */
  deploy(files: string[], transform?: (xml: string, file: string) => string): Promise<DeploymentResult> {
    return this.engine.deploy(files.map((f) => ({ name: f.split('/').pop()!, content: transform ? transform(this.read(f), f) : readFileSync(join(this.folder, f)) })));
  }

  /**
   * Lets virtual time pass: every timer that falls due on the way fires at its own time
   * (cycles included), then the clock stands at the end.
   */
  async advance(ms: number): Promise<void> {
    const end = this.clock.now().getTime() + ms;
    for (let guard = 0; guard < 10_000; guard++) {
      await this.engine.runDueJobs();
      const next = (await this.engine.getJobs({ withRetriesLeft: true })).map((j) => j.dueDate.getTime()).filter((t) => t <= end);
      if (next.length === 0) break;
      const t = Math.max(Math.min(...next), this.clock.now().getTime());
      this.clock.set(t);
    }
    this.clock.set(Math.max(end, this.clock.now().getTime()));
    await this.engine.runDueJobs();
  }

  async tasks(q: Parameters<Engine['getTasks']>[0] = {}) {
    return this.engine.getTasks(q);
  }

  async taskNames(q: Parameters<Engine['getTasks']>[0] = {}): Promise<string[]> {
    return (await this.engine.getTasks(q)).map((t) => t.name ?? t.taskDefinitionKey).sort();
  }

  /** completes the only open task with this name (or task definition key) */
  async complete(nameOrKey: string, variables?: Record<string, unknown>): Promise<void> {
    const matches = (await this.engine.getTasks()).filter((t) => t.name === nameOrKey || t.taskDefinitionKey === nameOrKey);
    if (matches.length !== 1) throw new Error(`expected one task '${nameOrKey}', found ${matches.length}`);
    await this.engine.completeTask(matches[0]!.id, variables);
  }

  async running(processInstanceId: string): Promise<boolean> {
    return (await this.engine.getProcessInstance(processInstanceId)) !== null;
  }

  async close(): Promise<void> {
    await this.engine.close();
    await this.drop();
  }
}
