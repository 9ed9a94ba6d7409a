import { Type, type Static, type TSchema } from 'typebox';
import { VariableCondition, VariableConditionsString } from '../common/variable-conditions.ts';
import { VariableValue } from '../variables.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 255 });
const Str = Type.String({ maxLength: 255 });
const List = Type.String({ maxLength: 8000, description: 'comma-separated' });
const StrArray = Type.Array(Str, { maxItems: 1000 });

export const InstanceParams = Type.Object({ id: Id }, { additionalProperties: false });
export const InstanceVarParams = Type.Object({ id: Id, varName: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });

export const PagingQuery = Type.Object(
  { firstResult: Type.Optional(Type.Integer({ minimum: 0 })), maxResults: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);

export const INSTANCE_SORT_BY = ['instanceId', 'definitionKey', 'definitionId', 'tenantId', 'businessKey'] as const;
const SortOrder = Type.Enum(['asc', 'desc']);

/** what GET and POST /process-instance share (single values and flags) */
const common = {
  businessKey: Type.Optional(Str),
  businessKeyLike: Type.Optional(Str),
  caseInstanceId: Type.Optional(Str),
  processDefinitionId: Type.Optional(Str),
  processDefinitionKey: Type.Optional(Str),
  deploymentId: Type.Optional(Str),
  superProcessInstance: Type.Optional(Str),
  subProcessInstance: Type.Optional(Str),
  superCaseInstance: Type.Optional(Str),
  subCaseInstance: Type.Optional(Str),
  active: Type.Optional(Type.Boolean()),
  suspended: Type.Optional(Type.Boolean()),
  withIncident: Type.Optional(Type.Boolean()),
  incidentId: Type.Optional(Str),
  incidentType: Type.Optional(Str),
  incidentMessage: Type.Optional(Type.String({ maxLength: 4000 })),
  incidentMessageLike: Type.Optional(Type.String({ maxLength: 4000 })),
  withoutTenantId: Type.Optional(Type.Boolean()),
  processDefinitionWithoutTenantId: Type.Optional(Type.Boolean()),
  rootProcessInstances: Type.Optional(Type.Boolean()),
  leafProcessInstances: Type.Optional(Type.Boolean()),
  variableNamesIgnoreCase: Type.Optional(Type.Boolean()),
  variableValuesIgnoreCase: Type.Optional(Type.Boolean()),
};

const stringFilters = {
  ...common,
  processInstanceIds: Type.Optional(List),
  processDefinitionKeyIn: Type.Optional(List),
  processDefinitionKeyNotIn: Type.Optional(List),
  tenantIdIn: Type.Optional(List),
  activityIdIn: Type.Optional(List),
  variables: Type.Optional(VariableConditionsString),
  sortBy: Type.Optional(Type.Enum([...INSTANCE_SORT_BY])),
  sortOrder: Type.Optional(SortOrder),
};

/** GET /process-instance (Camunda's names; lists comma-separated) */
export const InstanceQueryString = Type.Object(
  { ...stringFilters, firstResult: Type.Optional(Type.Integer({ minimum: 0 })), maxResults: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);

/** GET /process-instance/count */
export const InstanceCountQueryString = Type.Object(stringFilters, { additionalProperties: false });

/** POST /process-instance, /process-instance/count, and migration's processInstanceQuery */
export const InstanceQueryBody = Type.Object(
  {
    ...common,
    processInstanceIds: Type.Optional(Nullable(StrArray)),
    processDefinitionKeyIn: Type.Optional(Nullable(StrArray)),
    processDefinitionKeyNotIn: Type.Optional(Nullable(StrArray)),
    tenantIdIn: Type.Optional(Nullable(StrArray)),
    activityIdIn: Type.Optional(Nullable(StrArray)),
    variables: Type.Optional(Nullable(Type.Array(VariableCondition, { maxItems: 100 }))),
    orQueries: Type.Optional(Nullable(Type.Array(Type.Unknown(), { description: 'not offered: only an empty list' }))),
    sorting: Type.Optional(
      Nullable(Type.Array(Type.Object({ sortBy: Type.Enum([...INSTANCE_SORT_BY]), sortOrder: Type.Optional(SortOrder) }, { additionalProperties: false }), { maxItems: 10 })),
    ),
  },
  { additionalProperties: false },
);
export type InstanceQueryBodyDto = Static<typeof InstanceQueryBody>;
export type InstanceQueryStringDto = Static<typeof InstanceQueryString>;

export const DeleteInstanceQuery = Type.Object(
  {
    skipCustomListeners: Type.Optional(Type.Boolean()),
    skipIoMappings: Type.Optional(Type.Boolean()),
    skipSubprocesses: Type.Optional(Type.Boolean()),
    failIfNotExists: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const DeserializeValuesQuery = Type.Object({ deserializeValues: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const DeserializeValueQuery = Type.Object({ deserializeValue: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

/** Camunda's PatchVariablesDto */
export const PatchVariablesBody = Type.Object(
  {
    modifications: Type.Optional(Nullable(Type.Record(Type.String({ minLength: 1, maxLength: 255 }), VariableValue))),
    deletions: Type.Optional(Nullable(Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 1000 }))),
  },
  { additionalProperties: false },
);
export type PatchVariablesDto = Static<typeof PatchVariablesBody>;

/** Camunda's ActivityInstanceIncidentDto */
const IncidentRef = Type.Object({ id: Type.String(), activityId: Nullable(Type.String()) });

/** Camunda's TransitionInstanceDto (an execution parked before or after an activity) */
export const TransitionInstanceDto = Type.Object({
  id: Type.String(),
  parentActivityInstanceId: Type.String(),
  processInstanceId: Type.String(),
  processDefinitionId: Type.String(),
  activityId: Type.String(),
  activityName: Nullable(Type.String()),
  activityType: Type.String(),
  executionId: Type.String(),
  targetActivityId: Type.String(),
  incidentIds: Type.Array(Type.String()),
  incidents: Type.Array(IncidentRef),
});

/**
 * Camunda's ActivityInstanceDto, a tree: a shared schema (fastify addSchema) so that the
 * serialiser and the OpenAPI document both resolve its children by reference.
 */
export const ActivityInstanceSchema = Type.Object(
  {
    id: Type.String(),
    parentActivityInstanceId: Nullable(Type.String()),
    activityId: Type.String(),
    activityType: Type.String(),
    processInstanceId: Type.String(),
    processDefinitionId: Type.String(),
    childActivityInstances: Type.Array(Type.Ref('ActivityInstance')),
    childTransitionInstances: Type.Array(TransitionInstanceDto),
    executionIds: Type.Array(Type.String()),
    activityName: Nullable(Type.String()),
    incidentIds: Type.Array(Type.String()),
    incidents: Type.Array(IncidentRef),
    name: Nullable(Type.String()),
  },
  { $id: 'ActivityInstance' },
);
export const ActivityInstanceDto = Type.Ref('ActivityInstance');

/** a value of a modification instruction's variables: Camunda's TriggerVariableValueDto */
const TriggerVariableValue = Type.Object(
  {
    value: Type.Optional(Type.Unknown()),
    type: Type.Optional(Type.String({ maxLength: 64 })),
    valueInfo: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    local: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const MODIFICATION_TYPES = ['cancel', 'startBeforeActivity', 'startAfterActivity', 'startTransition'] as const;

/** Camunda's ProcessInstanceModificationInstructionDto */
export const ModificationInstruction = Type.Object(
  {
    type: Type.Enum([...MODIFICATION_TYPES]),
    activityId: Type.Optional(Nullable(Str)),
    transitionId: Type.Optional(Nullable(Str)),
    activityInstanceId: Type.Optional(Nullable(Str)),
    transitionInstanceId: Type.Optional(Nullable(Str)),
    ancestorActivityInstanceId: Type.Optional(Nullable(Str)),
    variables: Type.Optional(Nullable(Type.Record(Type.String({ minLength: 1, maxLength: 255 }), TriggerVariableValue))),
    cancelCurrentActiveActivityInstances: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ModificationInstructionDto = Static<typeof ModificationInstruction>;

/** Camunda's ProcessInstanceModificationDto */
export const ModificationBody = Type.Object(
  {
    instructions: Type.Array(ModificationInstruction, { minItems: 1, maxItems: 100 }),
    skipCustomListeners: Type.Optional(Type.Boolean()),
    skipIoMappings: Type.Optional(Type.Boolean()),
    annotation: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  },
  { additionalProperties: false },
);
export type ModificationBodyDto = Static<typeof ModificationBody>;
