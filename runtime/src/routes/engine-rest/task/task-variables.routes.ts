import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { notFound } from '../../../infra/errors.ts';
import type { RouteDeps } from '../deps.ts';
import { ErrorBody, VariablesOut } from '../process-definition/process-definition.schema.ts';
import { fromCamunda, fromCamundaValue, toCamunda, toCamundaValue, type VariablesDto, type VariableValueDto } from '../variables.ts';
import { requireWorker, taskOf } from './task-access.ts';
import { taskVariables } from '../../../services/tasks/task-scope.ts';
import { DeserializeQuery, ModificationsBody, TaskParams, TaskVarParams, VariableValueBody } from './task.schema.ts';

const tags = ['task'];
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const TypedValue = Type.Object({ value: Type.Unknown(), type: Type.String(), valueInfo: Type.Record(Type.String(), Type.Unknown()) });

/**
 * /task/{id}/variables and /task/{id}/localVariables: the variables a task sees (its own scope,
 * then the enclosing ones) or only its local ones; reading needs to see the task, writing to
 * work on it.
 */
export async function taskVariableRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  for (const kind of ['variables', 'localVariables'] as const) {
    const local = kind === 'localVariables';
    const base = `/task/:id/${kind}`;
    const what = local ? 'task-local variable' : 'task variable';
    const varName = (req: FastifyRequest) => (req.params as { varName: string }).varName;

    /**
     * one transaction on the task's scope: set locally, or like Camunda's task.setVariable (the
     * nearest scope holding it, else the instance); removed from the nearest scope holding it
     */
    const update = async (req: FastifyRequest, vars: Record<string, unknown>, deletions: string[]) => {
      const task = taskOf(req);
      if (Object.keys(vars).length === 0 && deletions.length === 0) return;
      await engine.updateVariables(task.processInstanceId, vars, deletions, { executionId: task.executionId, local });
    };

    app.get(base, { schema: { tags, params: TaskParams, querystring: DeserializeQuery, response: { 200: VariablesOut, ...errors } } }, async (req) =>
      toCamunda([...(await taskVariables(engine, taskOf(req), { local })).values()]),
    );

    app.get(`${base}/:varName`, { schema: { tags, params: TaskVarParams, querystring: DeserializeQuery, response: { 200: TypedValue, ...errors } } }, async (req) => {
      const v = (await taskVariables(engine, taskOf(req), { local })).get(varName(req));
      if (!v) throw notFound(`${what} with name ${varName(req)} does not exist`);
      return toCamundaValue(v.type, v.value);
    });

    app.put(
      `${base}/:varName`,
      { schema: { tags, params: TaskVarParams, body: Type.Union([VariableValueBody, Type.Null()]), response: { 204: Type.Null(), ...errors } } },
      async (req, reply) => {
        const task = taskOf(req);
        requireWorker(req, task, 'set its variables');
        const name = varName(req);
        await update(req, { [name]: fromCamundaValue(name, (req.body ?? {}) as VariableValueDto) }, []);
        return reply.status(204).send();
      },
    );

    app.delete(`${base}/:varName`, { schema: { tags, params: TaskVarParams, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
      requireWorker(req, taskOf(req), 'remove its variables');
      await update(req, {}, [varName(req)]);
      return reply.status(204).send();
    });

    app.post(base, { schema: { tags, params: TaskParams, body: Type.Union([ModificationsBody, Type.Null()]), response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
      requireWorker(req, taskOf(req), 'change its variables');
      const body = (req.body ?? {}) as { modifications?: VariablesDto | null; deletions?: string[] | null };
      // every value is checked before anything changes, and all of it is one transaction
      await update(req, fromCamunda(body.modifications), body.deletions ?? []);
      return reply.status(204).send();
    });
  }
}
