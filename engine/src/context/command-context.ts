import { LzError } from '../errors.ts';
import type { DefinitionRecord } from '../model/definition-store.ts';
import { Agenda } from './agenda.ts';
import { newId } from './ids.ts';
import { loadInstance, type LoadedInstance, type OwnedBy } from './instance-loader.ts';
import { InstanceState, type ExecutionRow } from './instance-state.ts';
import type { EngineEvent, EngineServices } from './services.ts';
import { UnitOfWork } from './unit-of-work.ts';

let seqCounter = 0;

/**
 * The state of one command: its unit of work, the instances it has loaded, the agenda of
 * operations, the events to publish after commit. Commands create one, run, flush once.
 */
export class CommandContext {
  readonly now: Date;
  readonly uow = new UnitOfWork();
  readonly agenda: Agenda;
  readonly instances = new Map<string, InstanceState>();
  readonly events: EngineEvent[] = [];
  /** the job this command executes, if any (a failure inside it fails that job) */
  currentJob: { id: string; executionId: string | null } | null = null;
  /** conditional subscription → the instance's varVersion when its condition was last evaluated */
  readonly conditionSeen = new Map<string, number>();

  constructor(readonly services: EngineServices) {
    this.now = services.clock.now();
    this.agenda = new Agenda(services.config.maxSteps);
  }

  get config() {
    return this.services.config;
  }

  newId(): string {
    return newId();
  }

  /** a number that orders history rows written in this process (ms × 1000 + counter) */
  seq(): number {
    seqCounter = (seqCounter + 1) % 1000;
    return Date.now() * 1000 + seqCounter;
  }

  loaded(id: string): InstanceState | undefined {
    return this.instances.get(id);
  }

  /** the instance, loaded once per command */
  async instance(id: string): Promise<InstanceState> {
    const s = await this.tryInstance(id);
    if (!s) throw new LzError('LZ_ERR_INSTANCE_NOT_FOUND', id);
    return s;
  }

  async tryInstance(id: string): Promise<InstanceState | null> {
    const existing = this.instances.get(id);
    if (existing) return existing.ended ? null : existing;
    return this.load(await loadInstance(this.services.db, id));
  }

  /** the instance a task, external task, job or execution belongs to, in one round trip */
  async instanceOf(table: OwnedBy, rowId: string): Promise<InstanceState | null> {
    const loaded = await loadInstance(this.services.db, rowId, table);
    if (!loaded) return null;
    const existing = this.instances.get(loaded.instance.id);
    if (existing) return existing.ended ? null : existing;
    return this.load(loaded);
  }

  private async load(loaded: LoadedInstance | null): Promise<InstanceState | null> {
    if (!loaded) return null;
    const id = loaded.instance.id;
    const definition = await this.services.definitions.byId(loaded.instance.definition_id!);
    const state = InstanceState.fromLoaded(loaded, definition, this.uow, this.services.functions);
    this.instances.set(id, state);
    return state;
  }

  /** a brand-new instance with its root execution (id of both = the instance id) */
  createInstance(
    definition: DefinitionRecord,
    opts: { businessKey?: string | null; superExecution?: ExecutionRow | null; superInstance?: InstanceState | null; startUserId?: string | null },
  ): InstanceState {
    const id = newId();
    const row = {
      id,
      definition_id: definition.row.id,
      definition_key: definition.row.key,
      business_key: opts.businessKey ?? null,
      rev: 1,
      state: 'active',
      super_execution_id: opts.superExecution?.id ?? null,
      super_instance_id: opts.superInstance?.id ?? null,
      root_instance_id: opts.superInstance?.row.root_instance_id ?? id,
      start_time: this.now,
      start_user_id: opts.startUserId ?? null,
    };
    this.uow.table('process_instances').insert(row);
    const inst = new InstanceState(row, definition, this.uow, this.services.functions);
    this.instances.set(id, inst);
    inst.addExecution({
      id,
      instance_id: id,
      parent_id: null,
      element_id: definition.model.id,
      kind: 'process',
      state: 'scope',
      data: {},
      created_at: this.now,
    });
    return inst;
  }

  emit(event: EngineEvent): void {
    this.events.push(event);
  }
}
