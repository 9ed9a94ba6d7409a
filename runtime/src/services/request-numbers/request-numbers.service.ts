import { runMigrations, type Db, type Engine, type ProcessModel } from '@liuzhuan/engine';
import * as m0001 from './migrations/0001_request_numbers.ts';
import { parseSerialPattern } from './serial-pattern.ts';
import { renderTitle } from './title-template.ts';

export interface RequestInfo {
  serialNo: string | null;
  title: string | null;
}

/** start variables the number and title travel in (forms and expressions may show them) */
export const SERIAL_VARIABLE = 'lzSerialNo';
export const TITLE_VARIABLE = 'lzTitle';

/**
 * Request numbers and titles (lz.serialPattern, lz.titleTemplate on the process). A number is
 * drawn before the instance starts — one atomic upsert on the counter row, so concurrent
 * starts on any number of runtimes never share one — and goes in as a start variable and the
 * default business key. A start that then fails leaves a gap, never a repeat.
 */
export class RequestNumbers {
  constructor(
    private readonly engine: Engine,
    private readonly displayName: (userId: string) => Promise<string>,
  ) {}

  private get db(): Db {
    return this.engine.db;
  }

  async migrate(): Promise<void> {
    await runMigrations(this.db, [m0001], 'lz_request_numbers_migrations');
  }

  /** the number and title a start of `model` gets (both null when the process declares neither) */
  async draw(model: ProcessModel, variables: Record<string, unknown>, startUserId: string | null, at: Date = this.engine.clock.now()): Promise<RequestInfo> {
    const pattern = model.properties['lz.serialPattern']?.trim();
    const template = model.properties['lz.titleTemplate']?.trim();
    if (!pattern && !template) return { serialNo: null, title: null };
    let serialNo: string | null = null;
    if (pattern) {
      const p = parseSerialPattern(pattern);
      const period = p.period(at);
      // a number another counter already gave (two processes with one pattern, an edited
      // pattern whose period reads differently) is skipped: serial_no is unique
      do {
        const [row] = await this.db.query<{ value: string | number }>(
          `INSERT INTO serial_counters (process_key, period, value) VALUES ($1, $2, 1)
           ON CONFLICT (process_key, period) DO UPDATE SET value = serial_counters.value + 1
           RETURNING value`,
          [model.id, period],
        );
        serialNo = p.format(at, Number(row!.value));
      } while ((await this.db.query(`SELECT 1 FROM request_info WHERE serial_no = $1`, [serialNo])).length > 0);
    }
    const title = template
      ? renderTitle(template, { initiator: startUserId ? await this.displayName(startUserId) : '', processName: model.name ?? model.id, serialNo, variables })
      : null;
    return { serialNo, title };
  }

  /** start options with the number and title in: variables, and the number as business key when none was given */
  async prepare(definitionId: string, opts: { variables: Record<string, unknown>; businessKey: string | null; startUserId: string | null }): Promise<{ variables: Record<string, unknown>; businessKey: string | null; info: RequestInfo }> {
    const model = await this.engine.getDefinitionModel(definitionId);
    const info = await this.draw(model, opts.variables, opts.startUserId);
    const variables = { ...opts.variables, ...(info.serialNo ? { [SERIAL_VARIABLE]: info.serialNo } : {}), ...(info.title ? { [TITLE_VARIABLE]: info.title } : {}) };
    return { variables, businessKey: opts.businessKey ?? info.serialNo, info };
  }

  async record(instanceId: string, processKey: string, info: RequestInfo): Promise<void> {
    if (!info.serialNo && !info.title) return;
    // the instance has started: a clash here (a number drawn twice at the same moment by two
    // counters) must not turn that start into an error the caller would retry
    await this.db.query(`INSERT INTO request_info (instance_id, process_key, serial_no, title, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
      instanceId,
      processKey,
      info.serialNo,
      info.title,
      this.engine.clock.now(),
    ]);
  }

  /** the number and title of each of these requests that has them */
  async infoOf(instanceIds: readonly string[]): Promise<Map<string, RequestInfo>> {
    const out = new Map<string, RequestInfo>();
    if (instanceIds.length === 0) return out;
    const rows = await this.db.query<{ instance_id: string; serial_no: string | null; title: string | null }>(`SELECT instance_id, serial_no, title FROM request_info WHERE instance_id = ANY($1)`, [
      [...instanceIds],
    ]);
    for (const r of rows) out.set(r.instance_id, { serialNo: r.serial_no, title: r.title });
    return out;
  }

  /** starts `definitionId` with a number and title, and records them */
  async start(definitionId: string, opts: { variables: Record<string, unknown>; businessKey: string | null; startUserId: string | null }) {
    const prepared = await this.prepare(definitionId, opts);
    const inst = await this.engine.startProcessById(definitionId, { variables: prepared.variables, businessKey: prepared.businessKey, startUserId: opts.startUserId });
    await this.record(inst.id, inst.definitionKey, prepared.info);
    return inst;
  }
}
