import { NO_FUNCTIONS, type ExpressionFunctions } from '../expressions/functions.ts';
import type { DefinitionRecord } from '../model/definition-store.ts';
import type { ProcessModel } from '../model/types.ts';
import type { RowOf } from '../persistence/tables.ts';
import type { LoadedInstance } from './instance-loader.ts';
import type { UnitOfWork } from './unit-of-work.ts';

export type InstanceRow = RowOf<'process_instances'>;
export type ExecutionRow = RowOf<'executions'> & { data: ExecutionData };
export type VariableRow = RowOf<'variables'>;
export type TaskRow = RowOf<'tasks'>;
export type SubscriptionRow = RowOf<'event_subscriptions'>;
export type JobRow = RowOf<'jobs'>;
export type ExternalTaskRow = RowOf<'external_tasks'>;
export type IncidentRow = RowOf<'incidents'>;

export type ExecutionKind = 'process' | 'node' | 'mi-body' | 'event-scope';

/**
 * What an execution is doing:
 * - active: being worked on inside this command (never left like this at a commit)
 * - waiting: at a wait state (user/receive/external task, catch event, event gateway, call)
 * - scope: a (sub-)process or multi-instance body holding child executions
 * - joining: arrived at a join (or an activity with startQuantity > 1) waiting for others
 * - async-before / async-after: parked behind a job
 * - event-scope: a completed sub-process kept for compensation
 */
export type ExecutionState = 'active' | 'waiting' | 'scope' | 'joining' | 'async-before' | 'async-after' | 'event-scope';

export interface ExecutionData {
  /** the flow the token came in by (joins) */
  flow?: string;
  /** multi-instance body counters / inner instance index */
  mi?: { total: number; completed: number; active: number; next: number; collection?: unknown[] | null; done?: boolean };
  loopCounter?: number;
  /** compensation: the throw execution this handler reports to */
  compensationFor?: string;
  /** compensation throw: handlers still running */
  pendingHandlers?: number;
  /** parallelMultiple catch: event definitions already triggered */
  triggered?: string[];
  /** a catch event entered already triggered (event-based gateway, boundary) */
  fired?: boolean;
  /** complex gateway: fired and absorbing the rest */
  absorbed?: boolean;
  /** ad-hoc sub-process: activities not yet started (sequential ordering) */
  pending?: string[];
  /** event sub-process executions remember whether they interrupted */
  interrupting?: boolean;
  /** call activity: the child instance */
  calledInstanceId?: string;
  /** the element the completed snapshot (event-scope) was made from */
  scopeOf?: string;
  /** order of completion for compensation (newest first) */
  completedSeq?: number;
  /** standard loop iterations done */
  loops?: number;
  [key: string]: unknown;
}

/**
 * One process instance as a command sees it: its rows, by table, kept in step with the
 * unit of work. All changes go through the methods here so that both stay in sync.
 */
export class InstanceState {
  readonly executions = new Map<string, ExecutionRow>();
  readonly variables = new Map<string, Map<string, VariableRow>>();
  readonly tasks = new Map<string, TaskRow>();
  readonly subscriptions = new Map<string, SubscriptionRow>();
  readonly jobs = new Map<string, JobRow>();
  readonly externalTasks = new Map<string, ExternalTaskRow>();
  readonly incidents = new Map<string, IncidentRow>();
  /** set when the instance ended in this command */
  ended = false;
  /** the last end event a token reached (the instance's end activity in history) */
  lastEndEvent: string | null = null;
  /** variables changed in this command (conditional events are evaluated afterwards) */
  variablesChanged = false;
  /** bumped on every variable change: conditions are looked at again only after a change */
  varVersion = 0;
  /** the varVersion at which each variable name last changed in this command */
  readonly changedAt = new Map<string, number>();

  constructor(
    readonly row: InstanceRow,
    private def: DefinitionRecord,
    private readonly uow: UnitOfWork,
    /** what its expressions may call (EngineOptions.expressionFunctions) */
    readonly functions: ExpressionFunctions = NO_FUNCTIONS,
  ) {}

  get definition(): DefinitionRecord {
    return this.def;
  }

  /** a migration moved the instance to another definition */
  setDefinition(def: DefinitionRecord): void {
    this.def = def;
  }

  get id(): string {
    return this.row.id;
  }

  get model(): ProcessModel {
    return this.definition.model;
  }

  static fromLoaded(loaded: LoadedInstance, definition: DefinitionRecord, uow: UnitOfWork, functions: ExpressionFunctions = NO_FUNCTIONS): InstanceState {
    uow.instanceLoaded(loaded.instance);
    const s = new InstanceState(loaded.instance, definition, uow, functions);
    for (const e of loaded.executions) s.executions.set(e.id, uow.table('executions').loaded(e) as ExecutionRow);
    for (const v of loaded.variables) s.scopeVars(v.scope_id!).set(v.name!, uow.table('variables').loaded(v));
    for (const t of loaded.tasks) s.tasks.set(t.id, uow.table('tasks').loaded(t));
    for (const x of loaded.subscriptions) s.subscriptions.set(x.id, uow.table('event_subscriptions').loaded(x));
    for (const j of loaded.jobs) s.jobs.set(j.id, uow.table('jobs').loaded(j));
    for (const x of loaded.externalTasks) s.externalTasks.set(x.id, uow.table('external_tasks').loaded(x));
    for (const i of loaded.incidents) s.incidents.set(i.id, uow.table('incidents').loaded(i));
    return s;
  }

  scopeVars(scopeId: string): Map<string, VariableRow> {
    let m = this.variables.get(scopeId);
    if (!m) {
      m = new Map();
      this.variables.set(scopeId, m);
    }
    return m;
  }

  // ---- executions

  root(): ExecutionRow {
    return this.executions.get(this.id)!;
  }

  children(parentId: string): ExecutionRow[] {
    const out: ExecutionRow[] = [];
    for (const e of this.executions.values()) if (e.parent_id === parentId) out.push(e);
    return out;
  }

  addExecution(e: ExecutionRow): ExecutionRow {
    this.executions.set(e.id, e);
    this.uow.table('executions').insert(e);
    return e;
  }

  touchExecution(e: ExecutionRow): void {
    this.uow.table('executions').changed(e);
  }

  removeExecution(id: string): void {
    this.executions.delete(id);
    this.uow.table('executions').remove(id);
    const vars = this.variables.get(id);
    if (vars) {
      for (const v of vars.values()) this.uow.table('variables').remove(v.id);
      this.variables.delete(id);
    }
  }

  // ---- generic child rows

  addTask(t: TaskRow): void {
    this.tasks.set(t.id, t);
    this.uow.table('tasks').insert(t);
  }
  removeTask(id: string): void {
    this.tasks.delete(id);
    this.uow.table('tasks').remove(id);
  }
  touchTask(t: TaskRow): void {
    this.uow.table('tasks').changed(t);
  }

  addSubscription(s: SubscriptionRow): void {
    this.subscriptions.set(s.id, s);
    this.uow.table('event_subscriptions').insert(s);
  }
  touchSubscription(s: SubscriptionRow): void {
    this.uow.table('event_subscriptions').changed(s);
  }
  removeSubscription(id: string): void {
    this.subscriptions.delete(id);
    this.uow.table('event_subscriptions').remove(id);
  }

  addJob(j: JobRow): void {
    this.jobs.set(j.id, j);
    this.uow.table('jobs').insert(j);
  }
  removeJob(id: string): void {
    this.jobs.delete(id);
    this.uow.table('jobs').remove(id);
  }
  touchJob(j: JobRow): void {
    this.uow.table('jobs').changed(j);
  }

  addExternalTask(t: ExternalTaskRow): void {
    this.externalTasks.set(t.id, t);
    this.uow.table('external_tasks').insert(t);
  }
  removeExternalTask(id: string): void {
    this.externalTasks.delete(id);
    this.uow.table('external_tasks').remove(id);
  }

  addIncident(i: IncidentRow): void {
    this.incidents.set(i.id, i);
    this.uow.table('incidents').insert(i);
  }
  removeIncident(id: string): void {
    this.incidents.delete(id);
    this.uow.table('incidents').remove(id);
  }

  touchInstance(): void {
    this.uow.table('process_instances').changed(this.row);
  }

  /** the instance ended: every runtime row goes (history keeps what happened) */
  removeAll(): void {
    for (const id of [...this.executions.keys()]) this.removeExecution(id);
    for (const [, vars] of this.variables) for (const v of vars.values()) this.uow.table('variables').remove(v.id);
    this.variables.clear();
    for (const id of [...this.tasks.keys()]) this.removeTask(id);
    for (const id of [...this.subscriptions.keys()]) this.removeSubscription(id);
    for (const id of [...this.jobs.keys()]) this.removeJob(id);
    for (const id of [...this.externalTasks.keys()]) this.removeExternalTask(id);
    for (const id of [...this.incidents.keys()]) this.removeIncident(id);
    this.uow.table('process_instances').remove(this.id);
    this.ended = true;
  }
}
