import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLzError, type Engine, type TaskInfo } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import { badRequest, forbidden, HttpError } from '../../../infra/errors.ts';
import { canClaimTask } from '../../../services/authorization/authorization.ts';
import { parseCamundaDate } from '../common/dates.ts';
import type { RouteDeps } from '../deps.ts';
import { ErrorBody, VariablesOut } from '../process-definition/process-definition.schema.ts';
import { fromCamunda, toCamunda, type VariablesDto } from '../variables.ts';
import { requireHolder, requireWorker, taskOf } from './task-access.ts';
import { scopeChain } from '../../../services/tasks/task-scope.ts';
import { CompleteBody, TaskParams, TaskUpdateBody, UserIdBody, VariablesBody, type TaskUpdateBodyType } from './task.schema.ts';

const tags = ['task'];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const noContent = { 204: Type.Null(), ...errors };

type UserIdBodyType = { userId?: string | null };
type CompleteBodyType = { variables?: VariablesDto | null; withVariablesInReturn?: boolean };

/** Camunda answers a claim on a task someone else holds with TaskAlreadyClaimedException */
function alreadyClaimed(task: TaskInfo, by: string | null): HttpError {
  return new HttpError(409, 'TaskAlreadyClaimedException', `Task '${task.id}' is already claimed by someone else${by ? ` (${by})` : ''}.`);
}

/** the variables the task saw, read after it completed (from history when the instance ended) */
async function variablesAfter(engine: Engine, task: TaskInfo, chain: string[]) {
  const running = await engine.getProcessInstance(task.processInstanceId);
  if (running) {
    const all = await engine.getTypedVariables(task.processInstanceId);
    const seen = new Map<string, { name: string; type: string; value: unknown }>();
    for (const scope of chain) for (const v of all) if (v.scopeId === scope && !seen.has(v.name)) seen.set(v.name, v);
    return toCamunda([...seen.values()]);
  }
  const hist = await engine.getHistoricVariableInstances({ processInstanceId: task.processInstanceId, scopeIds: chain, excludeDeleted: true });
  const seen = new Map<string, { name: string; type: string; value: unknown }>();
  for (const scope of chain) for (const v of hist) if (v.scopeId === scope && !seen.has(v.name)) seen.set(v.name, v);
  return toCamunda([...seen.values()]);
}

/** claim, unclaim, assignee, delegate, resolve, complete, submit-form and PUT /task/{id} */
export async function taskActionRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  const complete = async (req: FastifyRequest, reply: FastifyReply, what: string) => {
    const task = taskOf(req);
    requireWorker(req, task, what);
    const body = (req.body ?? {}) as CompleteBodyType;
    const variables = fromCamunda(body.variables);
    // submit-form on a delegated task resolves it (Camunda's SubmitTaskFormCmd)
    if (what === 'submit its form' && task.delegationState === 'PENDING') {
      await engine.resolveTask(task.id, variables);
      return reply.status(204).send();
    }
    const chain = body.withVariablesInReturn ? await scopeChain(engine, task) : [];
    await engine.completeTask(task.id, variables);
    if (!body.withVariablesInReturn) return reply.status(204).send();
    return reply.status(200).send(await variablesAfter(engine, task, chain));
  };

  app.post(
    '/task/:id/complete',
    { schema: { tags, params: TaskParams, body: Type.Union([CompleteBody, Type.Null()]), response: { 200: VariablesOut, ...noContent } } },
    (req, reply) => complete(req, reply, 'complete it'),
  );

  app.post(
    '/task/:id/submit-form',
    { schema: { tags, params: TaskParams, body: Type.Union([CompleteBody, Type.Null()]), response: { 200: VariablesOut, ...noContent } } },
    (req, reply) => complete(req, reply, 'submit its form'),
  );

  app.post('/task/:id/resolve', { schema: { tags, params: TaskParams, body: Type.Union([VariablesBody, Type.Null()]), response: noContent } }, async (req, reply) => {
    const task = taskOf(req);
    requireWorker(req, task, 'resolve it');
    await engine.resolveTask(task.id, fromCamunda(((req.body ?? {}) as { variables?: VariablesDto | null }).variables));
    return reply.status(204).send();
  });

  app.post('/task/:id/claim', { schema: { tags, params: TaskParams, body: Type.Union([UserIdBody, Type.Null()]), response: noContent } }, async (req, reply) => {
    const task = taskOf(req);
    const p = principalOf(req);
    const userId = ((req.body ?? {}) as UserIdBodyType).userId;
    if (!userId) throw badRequest('claim needs the userId who claims the task');
    if (userId !== p.id && !p.isAdmin) throw forbidden('you may claim a task for yourself only');
    if (task.assignee && task.assignee !== userId) throw alreadyClaimed(task, task.assignee);
    if (!canClaimTask(p, task)) throw forbidden(`you are not a candidate of task ${task.id}`);
    try {
      await engine.claimTask(task.id, userId);
    } catch (e) {
      // someone else claimed it between our read and the claim
      if (isLzError(e, 'LZ_ERR_TASK_CLAIMED')) throw alreadyClaimed(task, null);
      throw e;
    }
    return reply.status(204).send();
  });

  app.post('/task/:id/unclaim', { schema: { tags, params: TaskParams, response: noContent } }, async (req, reply) => {
    const task = taskOf(req);
    requireHolder(req, task, 'unclaim it');
    await engine.unclaimTask(task.id);
    return reply.status(204).send();
  });

  app.post('/task/:id/assignee', { schema: { tags, params: TaskParams, body: Type.Union([UserIdBody, Type.Null()]), response: noContent } }, async (req, reply) => {
    const task = taskOf(req);
    requireHolder(req, task, 'change its assignee');
    await engine.setAssignee(task.id, ((req.body ?? {}) as UserIdBodyType).userId ?? null);
    return reply.status(204).send();
  });

  app.post('/task/:id/delegate', { schema: { tags, params: TaskParams, body: Type.Union([UserIdBody, Type.Null()]), response: noContent } }, async (req, reply) => {
    const task = taskOf(req);
    requireHolder(req, task, 'delegate it');
    const userId = ((req.body ?? {}) as UserIdBodyType).userId;
    if (!userId) throw badRequest('delegate needs the userId the task is delegated to');
    await engine.delegateTask(task.id, userId);
    return reply.status(204).send();
  });

  app.put('/task/:id', { schema: { tags, params: TaskParams, body: Type.Union([TaskUpdateBody, Type.Null()]), response: noContent } }, async (req, reply) => {
    const task = taskOf(req);
    requireWorker(req, task, 'change it');
    const b = (req.body ?? {}) as TaskUpdateBodyType;
    if (b.id && b.id !== task.id) throw badRequest(`the body names task ${b.id}, the path task ${task.id}`);
    if (b.delegationState !== undefined && b.delegationState !== task.delegationState) {
      throw badRequest('the delegation state changes by delegate and resolve, not by an update');
    }
    const patch: Parameters<Engine['updateTask']>[1] = {};
    if (b.name !== undefined) patch.name = b.name;
    if (b.description !== undefined) patch.description = b.description;
    if (b.priority !== undefined) patch.priority = b.priority;
    if (b.owner !== undefined) patch.owner = b.owner;
    if (b.due !== undefined) patch.due = b.due === null ? null : parseCamundaDate('due', b.due);
    if (b.followUp !== undefined) patch.followUp = b.followUp === null ? null : parseCamundaDate('followUp', b.followUp);
    await engine.updateTask(task.id, patch);
    if (b.assignee !== undefined && b.assignee !== task.assignee) await engine.setAssignee(task.id, b.assignee);
    return reply.status(204).send();
  });
}
