import { Type, type Static, type TSchema } from 'typebox';
import { VariableCondition, VariableConditionsString } from '../common/variable-conditions.ts';
import { Variables } from '../variables.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 255 });
const Str = Type.String({ maxLength: 255 });

export const ExecutionParams = Type.Object({ id: Id }, { additionalProperties: false });
export const SubscriptionParams = Type.Object({ id: Id, messageName: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });

export const EXECUTION_SORT_BY = ['instanceId', 'definitionKey', 'definitionId', 'tenantId'] as const;
const SortOrder = Type.Enum(['asc', 'desc']);

const common = {
  businessKey: Type.Optional(Str),
  processDefinitionId: Type.Optional(Str),
  processDefinitionKey: Type.Optional(Str),
  processInstanceId: Type.Optional(Str),
  activityId: Type.Optional(Str),
  signalEventSubscriptionName: Type.Optional(Str),
  messageEventSubscriptionName: Type.Optional(Str),
  active: Type.Optional(Type.Boolean()),
  suspended: Type.Optional(Type.Boolean()),
  incidentId: Type.Optional(Str),
  incidentType: Type.Optional(Str),
  incidentMessage: Type.Optional(Type.String({ maxLength: 4000 })),
  incidentMessageLike: Type.Optional(Type.String({ maxLength: 4000 })),
  variableNamesIgnoreCase: Type.Optional(Type.Boolean()),
  variableValuesIgnoreCase: Type.Optional(Type.Boolean()),
};

const stringFilters = {
  ...common,
  tenantIdIn: Type.Optional(Type.String({ maxLength: 8000, description: 'comma-separated' })),
  variables: Type.Optional(VariableConditionsString),
  processVariables: Type.Optional(VariableConditionsString),
  sortBy: Type.Optional(Type.Enum([...EXECUTION_SORT_BY])),
  sortOrder: Type.Optional(SortOrder),
};

/** GET /execution (Camunda's ExecutionQueryDto names) */
export const ExecutionQueryString = Type.Object(
  { ...stringFilters, firstResult: Type.Optional(Type.Integer({ minimum: 0 })), maxResults: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);
export const ExecutionCountQueryString = Type.Object(stringFilters, { additionalProperties: false });

/** POST /execution and /execution/count */
export const ExecutionQueryBody = Type.Object(
  {
    ...common,
    tenantIdIn: Type.Optional(Nullable(Type.Array(Str, { maxItems: 1000 }))),
    variables: Type.Optional(Nullable(Type.Array(VariableCondition, { maxItems: 100 }))),
    processVariables: Type.Optional(Nullable(Type.Array(VariableCondition, { maxItems: 100 }))),
    sorting: Type.Optional(
      Nullable(Type.Array(Type.Object({ sortBy: Type.Enum([...EXECUTION_SORT_BY]), sortOrder: Type.Optional(SortOrder) }, { additionalProperties: false }), { maxItems: 10 })),
    ),
  },
  { additionalProperties: false },
);
export type ExecutionQueryBodyDto = Static<typeof ExecutionQueryBody>;
export type ExecutionQueryStringDto = Static<typeof ExecutionQueryString>;

/** Camunda's ExecutionDto */
export const ExecutionDto = Type.Object({ id: Type.String(), processInstanceId: Type.String(), ended: Type.Boolean(), tenantId: Type.Null() });

/** Camunda's ExecutionTriggerDto: POST …/signal and …/messageSubscriptions/{name}/trigger */
export const TriggerBody = Type.Object({ variables: Type.Optional(Nullable(Variables)) }, { additionalProperties: false });

/** Camunda's EventSubscriptionDto */
export const EventSubscriptionDto = Type.Object({
  id: Type.String(),
  eventType: Type.String(),
  eventName: Nullable(Type.String()),
  executionId: Nullable(Type.String()),
  processInstanceId: Nullable(Type.String()),
  activityId: Nullable(Type.String()),
  createdDate: Type.String(),
  tenantId: Type.Null(),
});
