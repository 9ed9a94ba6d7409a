import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DefinitionInfo, Engine, StartedInstance } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import { badRequest, forbidden, notFound } from '../../../infra/errors.ts';
import { canStart } from '../../../services/authorization/authorization.ts';
import { findDeployedForm } from '../../../services/forms/deployed-form.ts';
import { listParam } from '../common/management-query.ts';
import { formVariables } from '../common/form-variables.ts';
import { selfLink } from '../common/links.ts';
import type { RouteDeps } from '../deps.ts';
import { fromCamunda, toCamunda } from '../variables.ts';
import { BY, resolveDefinition, type DefinitionRef } from './definition-ref.ts';
import { ById, ByKey, ErrorBody, FormDto, FormVariablesQuery, ProcessInstanceDto, StartBody, SubmitFormBody, VariablesOut, type StartBodyDto } from './process-definition.schema.ts';

const tags = ['process-definition'];

/** the definition a start route names, if the caller may start it (403 otherwise) */
async function startable(engine: Engine, versions: RouteDeps['versions'], req: FastifyRequest, ref: DefinitionRef): Promise<DefinitionInfo> {
  let def = await resolveDefinition(engine, ref);
  // a deprecated version starts nothing (API contract B): by id → 400, by key → the newest version not deprecated
  if (versions && 'id' in ref) await versions.assertStartable(def.id);
  else if (versions) def = await versions.startableDefinition(def.key);
  const model = await engine.getDefinitionModel(def.id);
  if (!canStart(principalOf(req), model)) throw forbidden(`you are not a candidate starter of '${def.key}'`);
  if (def.suspended) throw badRequest(`the process definition '${def.id}' is suspended: no new instances start on it`);
  return def;
}

/** the instance's own variables after start; from history when it already ended inside the start */
async function variablesOf(engine: Engine, inst: StartedInstance) {
  if (!inst.ended) return toCamunda((await engine.getTypedVariables(inst.id, inst.id)).map((v) => ({ name: v.name, type: v.type, value: v.value })));
  const hist = await engine.getHistoricVariableInstances({ processInstanceId: inst.id });
  return toCamunda(hist.filter((v) => v.scopeId === inst.id).map((v) => ({ name: v.name, type: v.type, value: v.value })));
}

/** start, submit-form, start form and its variables — by id and by key (the latest version; a start takes the latest not deprecated) */
export async function startRoutes(app: FastifyInstance, { engine, versions, numbers }: RouteDeps): Promise<void> {
  // a request number and title when the process declares them (docs/approvals.md)
  const start = (definitionId: string, opts: { variables: Record<string, unknown>; businessKey: string | null; startUserId: string | null }) =>
    numbers ? numbers.start(definitionId, opts) : engine.startProcessById(definitionId, opts);
  const instanceDto = async (req: FastifyRequest, inst: StartedInstance, withVariables: boolean) => ({
    links: selfLink(req, `/process-instance/${inst.id}`),
    id: inst.id,
    definitionId: inst.definitionId,
    businessKey: inst.businessKey,
    caseInstanceId: null,
    ended: inst.ended,
    suspended: false,
    tenantId: null,
    ...(withVariables ? { variables: await variablesOf(engine, inst) } : {}),
  });

  for (const by of BY) {
    const params = by.prefix.includes(':key') ? ByKey : ById;
    const ref = (req: FastifyRequest) => by.ref(req.params as Record<string, string>);

    app.post(`${by.prefix}/start`, { schema: { tags, params, body: Type.Union([StartBody, Type.Null()]), response: { 200: ProcessInstanceDto, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } } }, async (req) => {
      const body = (req.body ?? {}) as StartBodyDto;
      if (body.startInstructions && body.startInstructions.length > 0) throw badRequest('startInstructions are not offered: start at the start event, then modify the instance');
      const def = await startable(engine, versions, req, ref(req));
      const inst = await start(def.id, { variables: fromCamunda(body.variables) ?? {}, businessKey: body.businessKey ?? null, startUserId: principalOf(req).id });
      return instanceDto(req, inst, body.withVariablesInReturn === true);
    });

    app.post(`${by.prefix}/submit-form`, { schema: { tags, params, body: Type.Union([SubmitFormBody, Type.Null()]), response: { 200: ProcessInstanceDto, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } } }, async (req) => {
      const body = (req.body ?? {}) as { variables?: Parameters<typeof fromCamunda>[0]; businessKey?: string | null };
      const def = await startable(engine, versions, req, ref(req));
      const inst = await start(def.id, { variables: fromCamunda(body.variables) ?? {}, businessKey: body.businessKey ?? null, startUserId: principalOf(req).id });
      return instanceDto(req, inst, false);
    });

    app.get(`${by.prefix}/form-variables`, { schema: { tags, params, querystring: FormVariablesQuery, response: { 200: VariablesOut, 404: ErrorBody } } }, async (req) => {
      const def = await resolveDefinition(engine, ref(req));
      const model = await engine.getDefinitionModel(def.id);
      return formVariables(model.startFormFields, {}, listParam((req.query as { variableNames?: string }).variableNames));
    });

    app.get(`${by.prefix}/startForm`, { schema: { tags, params, response: { 200: FormDto, 404: ErrorBody } } }, async (req) => {
      const def = await resolveDefinition(engine, ref(req));
      return { key: (await engine.getDefinitionModel(def.id)).startFormKey, contextPath: null };
    });

    app.get(
      `${by.prefix}/deployed-start-form`,
      { schema: { tags, params, produces: ['application/json'], response: { 200: Type.Unknown({ description: 'the deployed form-js document' }), 400: ErrorBody, 404: ErrorBody } } },
      async (req, reply) => {
        const def = await resolveDefinition(engine, ref(req));
        const key = (await engine.getDefinitionModel(def.id)).startFormKey;
        if (!key) throw badRequest(`the process definition '${def.id}' has no start form`);
        const form = await findDeployedForm(engine, def.deploymentId, key);
        if (!form) throw notFound(`no deployed form for the form key '${key}'`);
        return reply.type('application/json').send(form.content);
      },
    );
  }
}
