import type { FastifyInstance } from 'fastify';
import { fromStored, isLzError, toStored, type CorrelationResult, type Engine } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { badRequest, HttpError } from '../../../infra/errors.ts';
import type { RouteDeps } from '../deps.ts';
import { ErrorBody } from '../process-definition/process-definition.schema.ts';
import { fromCamunda, toCamunda, type VariablesDto } from '../variables.ts';
import { CorrelationMessageBody, CorrelationResultDto, type CorrelationMessageDto } from './message.schema.ts';

/** correlation keys are compared as plain values: typed ones are checked, then unwrapped */
function keys(vars: VariablesDto | null | undefined): Record<string, unknown> | undefined {
  if (!vars || Object.keys(vars).length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(fromCamunda(vars))) {
    const s = toStored(name, v);
    out[name] = fromStored(s.type, s.value);
  }
  return out;
}

/** Camunda answers a message nobody takes with a RestException wrapping MismatchingMessageCorrelationException */
function mismatch(name: string, detail: string): HttpError {
  return new HttpError(400, 'RestException', `org.camunda.bpm.engine.MismatchingMessageCorrelationException: Cannot correlate message '${name}': ${detail}`);
}

/** the instance's own variables after the correlation; from history when it has ended since */
async function variablesOf(engine: Engine, instanceId: string) {
  if (await engine.getProcessInstance(instanceId)) return toCamunda(await engine.getTypedVariables(instanceId, instanceId));
  const hist = await engine.getHistoricVariableInstances({ processInstanceId: instanceId });
  return toCamunda(hist.filter((v) => v.scopeId === instanceId));
}

async function resultDto(engine: Engine, r: CorrelationResult, withVariables: boolean) {
  const variables = withVariables ? { variables: await variablesOf(engine, r.processInstanceId) } : {};
  if (r.resultType === 'Execution') {
    const ended = !(await engine.getExecution(r.executionId!));
    return { resultType: r.resultType, execution: { id: r.executionId!, processInstanceId: r.processInstanceId, ended, tenantId: null }, processInstance: null, ...variables };
  }
  const running = await engine.getProcessInstance(r.processInstanceId);
  const hist = running ? null : (await engine.getHistoricInstances({ processInstanceId: r.processInstanceId }))[0];
  return {
    resultType: r.resultType,
    execution: null,
    processInstance: {
      links: [],
      id: r.processInstanceId,
      definitionId: running?.definitionId ?? hist?.definitionId ?? '',
      businessKey: running?.businessKey ?? hist?.businessKey ?? null,
      caseInstanceId: null,
      ended: !running,
      suspended: running?.suspended ?? false,
      tenantId: null,
    },
    ...variables,
  };
}

/**
 * POST /engine-rest/message (Camunda 7 REST): one waiting execution (or, if none waits, one
 * message start event) gets the message, or every match with `all`. 204, or 200 with the
 * results when `resultEnabled`; 400 when it correlates to nothing or, without `all`, to more
 * than one. Any signed-in user may send one: it is how people and systems report events.
 */
export async function messageRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  app.post(
    '/message',
    { schema: { tags: ['message'], body: CorrelationMessageBody, response: { 200: Type.Array(CorrelationResultDto), 204: Type.Null(), 400: ErrorBody } } },
    async (req, reply) => {
      const b = req.body as CorrelationMessageDto;
      const name = b.messageName;
      if (!name) throw badRequest('No message name supplied');
      if (b.tenantId != null && b.withoutTenantId) throw badRequest("Parameter 'tenantId' cannot be used together with parameter 'withoutTenantId'.");
      if (b.processVariablesToTriggeredScope && Object.keys(b.processVariablesToTriggeredScope).length > 0) {
        throw badRequest('processVariablesToTriggeredScope is not offered: use processVariables or processVariablesLocal');
      }
      // every value is converted before anything is delivered
      const variables = fromCamunda(b.processVariables);
      const localVariables = fromCamunda(b.processVariablesLocal);
      const correlationKeys = keys(b.correlationKeys);
      const localCorrelationKeys = keys(b.localCorrelationKeys);
      // there are no tenants here: nothing waits for a tenant's message
      if (b.tenantId != null) throw mismatch(name, 'No process definition or execution matches the parameters');
      let results: CorrelationResult[];
      try {
        results = await engine.correlateMessage(name, {
          businessKey: b.businessKey ?? undefined,
          processInstanceId: b.processInstanceId ?? undefined,
          correlationKeys,
          localCorrelationKeys,
          variables,
          localVariables,
          all: b.all === true,
        });
      } catch (e) {
        if (isLzError(e, 'LZ_ERR_MESSAGE_NOT_CORRELATED')) throw mismatch(name, 'No process definition or execution matches the parameters');
        if (isLzError(e, 'LZ_ERR_MESSAGE_AMBIGUOUS')) throw mismatch(name, `${e.message.replace(/^.*?: /, '')}; correlate to one with processInstanceId, businessKey or correlationKeys, or to every match with all`);
        throw e;
      }
      // as in Camunda, only resultEnabled asks for an answer; variablesInResultEnabled adds variables to it
      if (!b.resultEnabled) return reply.status(204).send();
      return Promise.all(results.map((r) => resultDto(engine, r, b.variablesInResultEnabled === true)));
    },
  );
}
