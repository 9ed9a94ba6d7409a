import type { FastifyInstance } from 'fastify';
import type { Engine, TaskInfo } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { badRequest, notFound } from '../../../infra/errors.ts';
import { findDeployedForm, type DeployedForm } from '../../../services/forms/deployed-form.ts';
import { listParam } from '../common/management-query.ts';
import { formVariables } from '../common/form-variables.ts';
import type { RouteDeps } from '../deps.ts';
import { ErrorBody, FormVariablesQuery, VariablesOut } from '../process-definition/process-definition.schema.ts';
import { toCamundaValue } from '../variables.ts';
import { taskOf } from './task-access.ts';
import { formRefOf } from './task.dto.ts';
import { taskVariables } from '../../../services/tasks/task-scope.ts';
import { TaskFormDto, TaskParams } from './task.schema.ts';

const tags = ['task'];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

async function userTaskOf(engine: Engine, task: TaskInfo) {
  const model = await engine.getDefinitionModel(task.processDefinitionId);
  return { model, userTask: model.nodes.get(task.taskDefinitionKey)?.userTask ?? null };
}

/** the deployed file behind a task's form: a camunda:formRef, camunda-forms:deployment:…, embedded:deployment:… */
async function deployedFormOf(engine: Engine, task: TaskInfo): Promise<DeployedForm & { type: string }> {
  const { model } = await userTaskOf(engine, task);
  const ref = formRefOf(model, task.taskDefinitionKey);
  const key = ref?.key ?? task.formKey;
  if (!key) throw notFound(`task ${task.id} has no form (no camunda:formKey or camunda:formRef)`);
  const [def] = await engine.getDefinitions({ id: task.processDefinitionId });
  if (!def) throw notFound(`the process definition of task ${task.id} is gone`);
  const embedded = /^(?:embedded:)?deployment:(.+)$/.exec(key)?.[1];
  if (embedded) {
    const r = await engine.getDeploymentResource(def.deploymentId, { name: embedded });
    if (!r) throw notFound(`no resource '${embedded}' in deployment ${def.deploymentId}, which the form key '${key}' names`);
    return { name: r.name, content: r.data, type: /\.html?$/i.test(r.name) ? 'text/html' : 'application/json' };
  }
  if (/^(embedded|app):|^[a-z]+:\/\//i.test(key)) throw badRequest(`the form key '${key}' names no deployed form`);
  const form = await findDeployedForm(engine, def.deploymentId, ref ? ref.key : key);
  if (!form) throw notFound(`no deployed form for the form ${ref ? 'reference' : 'key'} '${key}' of task ${task.id}`);
  return { ...form, type: 'application/json' };
}

/** GET /task/{id}/form, /form-variables and /deployed-form */
export async function taskFormRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  app.get('/task/:id/form', { schema: { tags, params: TaskParams, response: { 200: TaskFormDto, ...errors } } }, async (req) => {
    const task = taskOf(req);
    const camundaFormRef = formRefOf((await userTaskOf(engine, task)).model, task.taskDefinitionKey);
    return { key: camundaFormRef ? null : task.formKey, camundaFormRef, contextPath: null };
  });

  app.get('/task/:id/form-variables', { schema: { tags, params: TaskParams, querystring: FormVariablesQuery, response: { 200: VariablesOut, ...errors } } }, async (req) => {
    // Camunda: the form fields (their variable, else their default), then every other variable the task sees
    const task = taskOf(req);
    const names = listParam((req.query as { variableNames?: string }).variableNames);
    const { userTask } = await userTaskOf(engine, task);
    const visible = await taskVariables(engine, task);
    const out = formVariables(userTask?.formFields ?? [], Object.fromEntries(visible), names);
    for (const [name, v] of visible) if (!(name in out) && (!names || names.includes(name))) out[name] = toCamundaValue(v.type, v.value);
    return out;
  });

  app.get(
    '/task/:id/deployed-form',
    { schema: { tags, params: TaskParams, produces: ['application/json', 'text/html'], response: { 200: Type.Unknown({ description: 'the deployed form file' }), ...errors } } },
    async (req, reply) => {
      const form = await deployedFormOf(engine, taskOf(req));
      return reply.type(form.type).send(form.content);
    },
  );
}
