import type { FastifyInstance } from 'fastify';
import type { ActivityInstance, ModificationInstruction, ProcessModel, TransitionInstance } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { badRequest, notFound } from '../../../infra/errors.ts';
import type { RouteDeps } from '../deps.ts';
import { ErrorBody } from '../process-definition/process-definition.schema.ts';
import { fromCamundaValue } from '../variables.ts';
import { instanceOf } from './process-instance-query.ts';
import { ActivityInstanceDto, ActivityInstanceSchema, InstanceParams, ModificationBody, type ModificationBodyDto, type ModificationInstructionDto } from './process-instance.schema.ts';

const tags = ['process-instance'];

type Incidents = { id: string; activityId: string | null; executionId: string | null }[];

function transitionDto(t: TransitionInstance, model: ProcessModel, incidents: Incidents) {
  const own = incidents.filter((i) => i.executionId === t.executionId);
  return {
    id: t.id,
    parentActivityInstanceId: t.parentActivityInstanceId,
    processInstanceId: t.processInstanceId,
    processDefinitionId: t.processDefinitionId,
    activityId: t.activityId,
    activityName: model.nodes.get(t.activityId)?.name ?? null,
    activityType: t.activityType,
    executionId: t.executionId,
    targetActivityId: t.targetActivityId,
    incidentIds: own.map((i) => i.id),
    incidents: own.map((i) => ({ id: i.id, activityId: i.activityId })),
  };
}

/**
 * The engine's tree in Camunda's ActivityInstanceDto shape: the root is the process instance,
 * its activityId the process definition id; multi-instance bodies are `<id>#multiInstanceBody`.
 */
function activityDto(a: ActivityInstance, model: ProcessModel, incidents: Incidents, root: boolean): unknown {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  return {
    id: a.id,
    parentActivityInstanceId: a.parentActivityInstanceId,
    activityId: root ? a.processDefinitionId : a.activityId,
    activityType: a.activityType,
    processInstanceId: a.processInstanceId,
    processDefinitionId: a.processDefinitionId,
    childActivityInstances: a.childActivityInstances.map((c) => activityDto(c, model, incidents, false)),
    childTransitionInstances: a.childTransitionInstances.map((t) => transitionDto(t, model, incidents)),
    executionIds: a.executionIds,
    activityName: a.activityName,
    incidentIds: a.incidentIds,
    incidents: a.incidentIds.map((id) => ({ id, activityId: byId.get(id)?.activityId ?? null })),
    name: a.activityName,
  };
}

function need(ins: ModificationInstructionDto, field: 'activityId' | 'transitionId'): string {
  const v = ins[field];
  if (!v) throw badRequest(`For instruction type '${ins.type}': '${field}' must be set`);
  return v;
}

/** one Camunda instruction → the engine's, with its variables split into local and not */
function toInstruction(ins: ModificationInstructionDto): ModificationInstruction {
  if (ins.type === 'cancel') {
    const given = [ins.activityId, ins.activityInstanceId, ins.transitionInstanceId].filter((x) => x != null);
    if (given.length !== 1) throw badRequest("For instruction type 'cancel': exactly one of 'activityId', 'activityInstanceId' or 'transitionInstanceId' is required");
    if (ins.variables && Object.keys(ins.variables).length > 0) throw badRequest("For instruction type 'cancel': variables cannot be set");
    if (ins.cancelCurrentActiveActivityInstances) throw badRequest('cancelCurrentActiveActivityInstances is not offered: a cancel by activityId cancels every instance of the activity at that point');
    return { type: 'cancel', activityId: ins.activityId ?? undefined, activityInstanceId: ins.activityInstanceId ?? undefined, transitionInstanceId: ins.transitionInstanceId ?? undefined };
  }
  if (ins.activityInstanceId || ins.transitionInstanceId) throw badRequest(`For instruction type '${ins.type}': activityInstanceId and transitionInstanceId belong to 'cancel'`);
  const variables: Record<string, unknown> = {};
  const variablesLocal: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(ins.variables ?? {})) (v.local ? variablesLocal : variables)[name] = fromCamundaValue(name, v);
  const common = { ancestorActivityInstanceId: ins.ancestorActivityInstanceId ?? undefined, variables, variablesLocal };
  if (ins.type === 'startTransition') return { type: 'startTransition', transitionId: need(ins, 'transitionId'), ...common };
  return { type: ins.type, activityId: need(ins, 'activityId'), ...common };
}

/** GET /process-instance/{id}/activity-instances and POST /process-instance/{id}/modification */
export async function activityTreeRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  app.addSchema(ActivityInstanceSchema);
  app.get(
    '/process-instance/:id/activity-instances',
    { schema: { tags, params: InstanceParams, response: { 200: ActivityInstanceDto, 403: ErrorBody, 404: ErrorBody } } },
    async (req) => {
      const inst = await instanceOf(engine, req);
      const tree = await engine.getActivityTree(inst.id);
      if (!tree) throw notFound(`Process instance with id ${inst.id} does not exist`);
      const model = await engine.getDefinitionModel(tree.processDefinitionId);
      const incidents = await engine.getIncidents({ processInstanceId: inst.id });
      return activityDto(tree, model, incidents, true);
    },
  );

  app.post(
    '/process-instance/:id/modification',
    { config: { auth: 'admin' }, schema: { tags, params: InstanceParams, body: ModificationBody, response: { 204: Type.Null(), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } } },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const body = req.body as ModificationBodyDto;
      // every instruction is checked and converted before anything changes
      const instructions = body.instructions.map(toInstruction);
      if (!(await engine.getProcessInstance(id))) throw notFound(`Process instance with id ${id} does not exist`);
      // skipCustomListeners / skipIoMappings are accepted; listeners and mappings still run
      await engine.modifyProcessInstance(id, instructions, { annotation: body.annotation ?? undefined });
      return reply.status(204).send();
    },
  );
}
