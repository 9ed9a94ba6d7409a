import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { notFound } from '../../../infra/errors.ts';
import { ErrorBody, VariablesOut } from '../process-definition/process-definition.schema.ts';
import { DeserializeValueQuery, DeserializeValuesQuery, InstanceParams, InstanceVarParams, PatchVariablesBody, type PatchVariablesDto } from '../process-instance/process-instance.schema.ts';
import { fromCamunda, fromCamundaValue, toCamunda, toCamundaValue, VariableValue, type VariableValueDto } from '../variables.ts';

const TypedValue = Type.Object({ value: Type.Unknown(), type: Type.String(), valueInfo: Type.Record(Type.String(), Type.Unknown()) });
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export interface VariableScope {
  instanceId: string;
  /** the execution whose own variables these are (the instance id for the instance's) */
  scopeId: string;
}

export interface ScopeVariableOptions {
  /** e.g. /process-instance/:id/variables */
  base: string;
  tags: string[];
  /** 'process instance variable', 'execution variable' (for messages) */
  what: string;
  /** finds the scope and checks the caller may read it (404 / 403) */
  scope: (req: FastifyRequest) => Promise<VariableScope>;
  /** who may change the variables */
  writeAuth: 'user' | 'admin';
}

/**
 * Camunda's variable resource of one scope: GET all, GET/PUT/DELETE one, POST
 * {modifications, deletions} — the scope's own (local) variables, set and removed there.
 */
export async function scopeVariableRoutes(app: FastifyInstance, engine: Engine, o: ScopeVariableOptions): Promise<void> {
  const { base, tags } = o;
  const read = async (req: FastifyRequest) => {
    const s = await o.scope(req);
    return { s, rows: await engine.getTypedVariables(s.instanceId, s.scopeId) };
  };
  const write = { auth: o.writeAuth };

  app.get(base, { schema: { tags, params: InstanceParams, querystring: DeserializeValuesQuery, response: { 200: VariablesOut, ...errors } } }, async (req) =>
    toCamunda((await read(req)).rows),
  );

  app.get(`${base}/:varName`, { schema: { tags, params: InstanceVarParams, querystring: DeserializeValueQuery, response: { 200: TypedValue, ...errors } } }, async (req) => {
    const name = (req.params as { varName: string }).varName;
    const v = (await read(req)).rows.find((r) => r.name === name);
    if (!v) throw notFound(`${o.what} with name ${name} does not exist`);
    return toCamundaValue(v.type, v.value);
  });

  app.put(
    `${base}/:varName`,
    { config: write, schema: { tags, params: InstanceVarParams, body: VariableValue, response: { 204: Type.Null(), ...errors } } },
    async (req, reply) => {
      const name = (req.params as { varName: string }).varName;
      const value = fromCamundaValue(name, req.body as VariableValueDto);
      const s = await o.scope(req);
      await engine.setVariables(s.instanceId, { [name]: value }, { executionId: s.scopeId, local: true });
      return reply.status(204).send();
    },
  );

  app.delete(`${base}/:varName`, { config: write, schema: { tags, params: InstanceVarParams, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    const s = await o.scope(req);
    await engine.removeVariable(s.instanceId, (req.params as { varName: string }).varName, s.scopeId);
    return reply.status(204).send();
  });

  app.post(
    base,
    { config: write, schema: { tags, params: InstanceParams, body: Type.Union([PatchVariablesBody, Type.Null()]), response: { 204: Type.Null(), ...errors } } },
    async (req, reply) => {
      const body = (req.body ?? {}) as PatchVariablesDto;
      // every value is converted before anything changes; the engine sets and removes in one go
      const modifications = fromCamunda(body.modifications);
      const s = await o.scope(req);
      await engine.updateVariables(s.instanceId, modifications, body.deletions ?? [], { executionId: s.scopeId, local: true });
      return reply.status(204).send();
    },
  );
}
