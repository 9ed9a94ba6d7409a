import { LzError, type DefinitionInfo, type Engine, type TaskInfo } from '@liuzhuan/engine';
import { forbidden } from '../../infra/errors.ts';
// the task's visible variables, nearest scope first — the same reading /engine-rest/task uses
import { taskVariables } from '../tasks/task-scope.ts';
import { canSeeTask, canStart, canWorkOnTask } from '../authorization/authorization.ts';
import type { EntityStore, FieldError } from '../entities/types.ts';
import type { Principal } from '../identity/identity.service.ts';
import type { RequestNumbers } from '../request-numbers/index.ts';
import type { DeprecationGuard } from '../versions/index.ts';
import { findDeployedForm } from './deployed-form.ts';
import { entityForm } from './entity-form.ts';
import { buildShape, defaults, project } from './form-shape.ts';
import { parseForm, type FieldPermission, type FormSchema } from './form-types.ts';
import { changedValues, validateForm } from './form-validate.ts';
import { fieldPermissions, permissionTable, viewSchema } from './form-view.ts';

/** what GET answers: the form as the caller may see it, its values, and each field's permission */
export interface FormView {
  form: FormSchema;
  values: Record<string, unknown>;
  permissions: Record<string, FieldPermission>;
}

/** the part of the entity store forms use */
export type FormEntities = Pick<EntityStore, 'validate' | 'getType'>;

interface Bound {
  form: FormSchema;
  /** camunda:properties of the start event / user task */
  properties: Readonly<Record<string, string>>;
  /** the stored values the form starts from: variables, else the form's defaults */
  current: Record<string, unknown>;
  /** what expressions and option lists may read besides the form's own fields */
  context: Record<string, unknown>;
}

/**
 * Forms of start events and user tasks (issue point 6): the deployed form-js form a model links
 * (camunda:formRef, camunda:formKey, zeebe:formDefinition), shown with the per-task field
 * permissions and translated; a submit is checked by the server — every form-js rule, the
 * permissions, the bound entity type — and nothing is started or completed when anything fails.
 */
export class FormsService {
  constructor(
    private readonly engine: Engine,
    private readonly entities: FormEntities | null,
    /** deprecated versions start nothing (API contract B): a start by key takes the newest version not deprecated */
    private readonly versions: DeprecationGuard | null = null,
    /** request numbers and titles of starts (lz.serialPattern / lz.titleTemplate) */
    private readonly numbers: RequestNumbers | null = null,
  ) {}

  private async deployed(deploymentId: string, formKey: string | null, what: string): Promise<FormSchema> {
    if (!formKey) throw new LzError('LZ_ERR_FORM_NOT_FOUND', `${what} has no form (no camunda:formRef, camunda:formKey or zeebe:formDefinition)`);
    const file = await findDeployedForm(this.engine, deploymentId, formKey);
    if (!file) throw new LzError('LZ_ERR_FORM_NOT_FOUND', `no deployed form-js form for '${formKey}' of ${what}`);
    return parseForm(file.content, file.name);
  }

  private async startBound(p: Principal, key: string): Promise<Bound & { def: DefinitionInfo }> {
    const def = this.versions ? await this.versions.startableDefinition(key) : (await this.engine.getDefinitions({ key, latestOnly: true }))[0];
    if (!def) throw new LzError('LZ_ERR_DEFINITION_NOT_FOUND', `no process definition with key '${key}'`);
    const model = await this.engine.getDefinitionModel(def.id);
    if (!canStart(p, model)) throw forbidden(`you are not a candidate starter of '${key}'`);
    const form = await this.deployed(def.deploymentId, model.startFormKey, `the start event of '${key}'`);
    const node = model.noneStart ? model.nodes.get(model.noneStart) : undefined;
    return { def, form, properties: node?.properties ?? {}, current: defaults(buildShape(form.components)), context: {} };
  }

  /** the open task, if the caller may see it: 404 / 403 before anything else is read */
  async visibleTask(p: Principal, taskId: string): Promise<TaskInfo> {
    const task = taskId.length <= 255 ? await this.engine.getTask(taskId) : null;
    if (!task) throw new LzError('LZ_ERR_TASK_NOT_FOUND', `no open task with id ${taskId.slice(0, 255)}`);
    if (!canSeeTask(p, task)) throw forbidden(`you may not see task ${taskId}`);
    return task;
  }

  private async taskBound(task: TaskInfo): Promise<Bound> {
    const model = await this.engine.getDefinitionModel(task.processDefinitionId);
    const node = model.nodes.get(task.taskDefinitionKey);
    const [def] = await this.engine.getDefinitions({ id: task.processDefinitionId });
    if (!def) throw new LzError('LZ_ERR_DEFINITION_NOT_FOUND', `the process definition of task ${task.id} is gone`);
    const form = await this.deployed(def.deploymentId, node?.userTask?.formRef?.key ?? task.formKey, `task ${task.id}`);
    const vars: Record<string, unknown> = {};
    for (const [name, v] of await taskVariables(this.engine, task)) vars[name] = v.value;
    // a field without its variable shows the form's default, as Camunda's form-variables do
    const current = { ...defaults(buildShape(form.components)) };
    for (const [k, v] of Object.entries(vars)) if (v !== undefined) current[k] = v;
    return { form, properties: node?.properties ?? {}, current, context: vars };
  }

  private view(b: Bound, locale: string | undefined): FormView {
    const table = permissionTable(b.form, fieldPermissions(b.properties), { ...b.context, ...b.current });
    const values = project(buildShape(b.form.components), b.current, (path) => table[path] !== 'hidden');
    return { form: viewSchema(b.form, table, locale), values, permissions: table };
  }

  /** form errors, then the bound entity type's; throws LZ_ERR_FORM_INVALID with one entry per problem */
  private async check(b: Bound, submitted: unknown): Promise<Record<string, unknown>> {
    const { values, errors } = validateForm(b.form, submitted, { current: b.current, permissions: fieldPermissions(b.properties), context: b.context });
    const type = typeof b.form['x-entity'] === 'string' ? b.form['x-entity'] : b.properties.entity;
    if (type) errors.push(...(await this.entityErrors(type, values, errors)));
    if (errors.length > 0) {
      const n = new Set(errors.map((e) => e.path)).size;
      throw new LzError('LZ_ERR_FORM_INVALID', `${n} field${n === 1 ? ' is' : 's are'} not valid`, { errors });
    }
    return values;
  }

  private async entityErrors(type: string, values: Record<string, unknown>, known: readonly FieldError[]): Promise<FieldError[]> {
    if (!this.entities) throw new LzError('LZ_ERR_ENTITY_TYPE_NOT_FOUND', `the form is bound to the entity type '${type}', but the entity store is not running`);
    const seen = new Set(known.map((e) => `${e.path}\n${e.message}`));
    return (await this.entities.validate(type, values, { partial: true })).filter((e) => !seen.has(`${e.path}\n${e.message}`));
  }

  async startForm(p: Principal, key: string, locale?: string): Promise<FormView> {
    return this.view(await this.startBound(p, key), locale);
  }

  async submitStart(p: Principal, key: string, submitted: unknown, businessKey: string | null): Promise<{ processInstanceId: string }> {
    const b = await this.startBound(p, key);
    if (b.def.suspended) throw new LzError('LZ_ERR_DEFINITION_SUSPENDED', `'${b.def.id}' is suspended: no new instances start on it`);
    const variables = await this.check(b, submitted);
    const opts = { variables, businessKey, startUserId: p.id };
    const inst = this.numbers ? await this.numbers.start(b.def.id, opts) : await this.engine.startProcessById(b.def.id, opts);
    return { processInstanceId: inst.id };
  }

  async taskForm(p: Principal, taskId: string, locale?: string): Promise<FormView> {
    return this.view(await this.taskBound(await this.visibleTask(p, taskId)), locale);
  }

  async submitTask(p: Principal, taskId: string, submitted: unknown): Promise<void> {
    const task = await this.visibleTask(p, taskId);
    if (!canWorkOnTask(p, task)) {
      throw forbidden(task.assignee ? `only the assignee of task ${task.id} or an admin may submit its form` : `task ${task.id} is not assigned: claim it before you submit its form`);
    }
    const b = await this.taskBound(task);
    const variables = changedValues(await this.check(b, submitted), b.context);
    await this.engine.completeTask(task.id, variables);
  }

  /**
   * submitTask's check and completion for the workspace's act (API contract C), the caller's
   * right to act checked by the caller: `submitted` is checked against the task's form exactly
   * as on submit (a task that declares no form takes no values), then `before` runs (claim,
   * comment), then the task completes with the changed values and `extra` (approved) on top.
   */
  async completeChecked(task: TaskInfo, submitted: Record<string, unknown>, opts: { extra?: Record<string, unknown>; before?: () => Promise<void> } = {}): Promise<void> {
    const variables = await this.checkedValues(task, submitted);
    await opts.before?.();
    await this.engine.completeTask(task.id, { ...variables, ...opts.extra });
  }

  /** the submitted values as the task form lets them through (changed ones only), or LZ_ERR_FORM_INVALID */
  async checkedValues(task: TaskInfo, submitted: Record<string, unknown>): Promise<Record<string, unknown>> {
    const node = (await this.engine.getDefinitionModel(task.processDefinitionId)).nodes.get(task.taskDefinitionKey);
    if (node?.userTask?.formRef?.key ?? task.formKey) {
      const b = await this.taskBound(task);
      return changedValues(await this.check(b, submitted), b.context);
    }
    if (Object.keys(submitted).length > 0) {
      const errors = Object.keys(submitted).map((key) => ({ path: `/${key}`, message: 'this task has no form: no values can be submitted' }));
      throw new LzError('LZ_ERR_FORM_INVALID', `task ${task.id} has no form`, { errors });
    }
    return {};
  }

  /** the default form of an entity type, translated */
  async entityForm(type: string, locale?: string): Promise<FormView> {
    if (!this.entities) throw new LzError('LZ_ERR_ENTITY_TYPE_NOT_FOUND', `no entity type '${type}': the entity store is not running`);
    const form = entityForm((await this.entities.getType(type)).schema);
    return { form: viewSchema(form, {}, locale), values: defaults(buildShape(form.components)), permissions: permissionTable(form, {}) };
  }
}
