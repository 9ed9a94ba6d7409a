import { Type, type Static, type TSchema } from 'typebox';
import { orNull } from '../common/nullable.ts';
import { Variables } from '../variables.ts';
import { VariablesOut } from '../process-definition/process-definition.schema.ts';

// null first: with coerceTypes ajv would turn a null into "" for a string branch tried before it
const Nullable = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
const Opt = <T extends TSchema & { type: string }>(t: T) => Type.Optional(orNull(t));
const Str = Type.String({ maxLength: 255 });
const Id = Type.String({ minLength: 1, maxLength: 255 });
const WorkerId = Type.String({ minLength: 1, maxLength: 255, description: 'the worker that holds (or wants) the lock' });
const DateStr = Type.String({ maxLength: 64, description: 'a date like 2026-01-05T09:00:00.000+0000' });
const Names = Type.Array(Str, { maxItems: 1000 });

/** the longest long poll Camunda accepts (30 minutes) */
export const MAX_ASYNC_RESPONSE_TIMEOUT = 1_800_000;

/** one topic of POST /external-task/fetchAndLock: Camunda's FetchExternalTaskTopicDto */
export const FetchTopicDto = Type.Object(
  {
    topicName: Type.String({ minLength: 1, maxLength: 255 }),
    lockDuration: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'milliseconds' }),
    variables: Opt(Names),
    localVariables: Type.Optional(Type.Boolean()),
    deserializeValues: Type.Optional(Type.Boolean()),
    businessKey: Opt(Str),
    processDefinitionId: Opt(Str),
    processDefinitionIdIn: Opt(Names),
    processDefinitionKey: Opt(Str),
    processDefinitionKeyIn: Opt(Names),
    processDefinitionVersionTag: Opt(Str),
    processVariables: Opt(Type.Record(Type.String({ maxLength: 255 }), Type.Unknown())),
    withoutTenantId: Type.Optional(Type.Boolean()),
    tenantIdIn: Opt(Names),
    includeExtensionProperties: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** POST /external-task/fetchAndLock: Camunda's FetchExternalTasksExtendedDto */
export const FetchBody = Type.Object(
  {
    workerId: WorkerId,
    maxTasks: Type.Integer({ minimum: 0, maximum: 10_000 }),
    usePriority: Type.Optional(Type.Boolean()),
    asyncResponseTimeout: Opt(Type.Integer({ minimum: 0, maximum: MAX_ASYNC_RESPONSE_TIMEOUT, description: 'long polling: milliseconds to wait for tasks' })),
    topics: Opt(Type.Array(FetchTopicDto, { maxItems: 100 })),
    sorting: Opt(Type.Array(Type.Object({ sortBy: Type.Enum(['createTime']), sortOrder: Type.Enum(['asc', 'desc']) }, { additionalProperties: false }), { maxItems: 1 })),
  },
  { additionalProperties: false },
);
export type FetchBodyDto = Static<typeof FetchBody>;

/** Camunda's LockedExternalTaskDto, field for field */
export const LockedExternalTaskDto = Type.Object({
  activityId: Type.String(),
  activityInstanceId: Type.String(),
  errorMessage: Nullable(Type.String()),
  errorDetails: Nullable(Type.String()),
  executionId: Type.String(),
  id: Type.String(),
  lockExpirationTime: Type.String(),
  processDefinitionId: Type.String(),
  processDefinitionKey: Type.String(),
  processDefinitionVersionTag: Nullable(Type.String()),
  processInstanceId: Type.String(),
  retries: Nullable(Type.Integer()),
  suspended: Type.Boolean(),
  workerId: Type.String(),
  topicName: Type.String(),
  tenantId: Type.Null(),
  variables: VariablesOut,
  priority: Type.Integer(),
  businessKey: Nullable(Type.String()),
  extensionProperties: Type.Record(Type.String(), Type.String()),
});
export type LockedExternalTaskDtoType = Static<typeof LockedExternalTaskDto>;

/** Camunda's ExternalTaskDto */
export const ExternalTaskDto = Type.Object({
  activityId: Type.String(),
  activityInstanceId: Type.String(),
  errorMessage: Nullable(Type.String()),
  errorDetails: Type.Null({ description: 'read them at GET /external-task/{id}/errorDetails' }),
  executionId: Type.String(),
  id: Type.String(),
  lockExpirationTime: Nullable(Type.String()),
  createTime: Type.String(),
  processDefinitionId: Type.String(),
  processDefinitionKey: Type.String(),
  processDefinitionVersionTag: Nullable(Type.String()),
  processInstanceId: Type.String(),
  retries: Nullable(Type.Integer()),
  suspended: Type.Boolean(),
  workerId: Nullable(Type.String()),
  topicName: Type.String(),
  tenantId: Type.Null(),
  priority: Type.Integer(),
  businessKey: Nullable(Type.String()),
});
export type ExternalTaskDtoType = Static<typeof ExternalTaskDto>;

const SortBy = Type.Enum(['id', 'lockExpirationTime', 'processInstanceId', 'processDefinitionId', 'processDefinitionKey', 'tenantId', 'taskPriority', 'createTime']);
const SortOrder = Type.Enum(['asc', 'desc']);

function filters<L extends TSchema>(list: L) {
  return {
    externalTaskId: Type.Optional(Str),
    externalTaskIdIn: Type.Optional(list),
    topicName: Type.Optional(Str),
    workerId: Type.Optional(Str),
    locked: Type.Optional(Type.Boolean()),
    notLocked: Type.Optional(Type.Boolean()),
    withRetriesLeft: Type.Optional(Type.Boolean()),
    noRetriesLeft: Type.Optional(Type.Boolean()),
    lockExpirationAfter: Type.Optional(DateStr),
    lockExpirationBefore: Type.Optional(DateStr),
    activityId: Type.Optional(Str),
    activityIdIn: Type.Optional(list),
    executionId: Type.Optional(Str),
    processInstanceId: Type.Optional(Str),
    processInstanceIdIn: Type.Optional(list),
    processDefinitionId: Type.Optional(Str),
    active: Type.Optional(Type.Boolean()),
    suspended: Type.Optional(Type.Boolean()),
    priorityHigherThanOrEquals: Type.Optional(Type.Integer()),
    priorityLowerThanOrEquals: Type.Optional(Type.Integer()),
    tenantIdIn: Type.Optional(list),
    sortBy: Type.Optional(SortBy),
    sortOrder: Type.Optional(SortOrder),
  };
}

const Paging = {
  firstResult: Type.Optional(Type.Integer({ minimum: 0 })),
  maxResults: Type.Optional(Type.Integer({ minimum: 0 })),
};
const CommaList = Type.String({ maxLength: 20_000, description: 'comma-separated' });

/** GET /external-task, /external-task/count */
export const ExternalTaskQueryString = Type.Object({ ...filters(CommaList), ...Paging }, { additionalProperties: false });
export const ExternalTaskCountQueryString = Type.Object(filters(CommaList), { additionalProperties: false });
/** POST /external-task, /external-task/count */
export const ExternalTaskQueryBody = Type.Object(
  {
    ...filters(Names),
    sorting: Type.Optional(Type.Array(Type.Object({ sortBy: SortBy, sortOrder: Type.Optional(SortOrder) }, { additionalProperties: false }), { maxItems: 10 })),
  },
  { additionalProperties: false },
);
export const PagingQuery = Type.Object(Paging, { additionalProperties: false });
export type ExternalTaskFilters = {
  [K in keyof Static<typeof ExternalTaskQueryBody>]?: K extends 'externalTaskIdIn' | 'activityIdIn' | 'processInstanceIdIn' | 'tenantIdIn' ? string | string[] : Static<typeof ExternalTaskQueryBody>[K];
};

export const ExternalTaskParams = Type.Object({ id: Id }, { additionalProperties: false });

/** POST …/complete: Camunda's CompleteExternalTaskDto */
export const CompleteBody = Type.Object(
  { workerId: WorkerId, variables: Opt(Variables), localVariables: Opt(Variables) },
  { additionalProperties: false },
);

/** POST …/failure: Camunda's ExternalTaskFailureDto (retries default 0: an incident) */
export const FailureBody = Type.Object(
  {
    workerId: WorkerId,
    errorMessage: Opt(Type.String({ maxLength: 100_000 })),
    errorDetails: Opt(Type.String({ maxLength: 1_000_000 })),
    retries: Type.Optional(Type.Integer({ minimum: 0 })),
    retryTimeout: Type.Optional(Type.Integer({ minimum: 0 })),
    variables: Opt(Variables),
    localVariables: Opt(Variables),
  },
  { additionalProperties: false },
);

/** POST …/bpmnError: Camunda's ExternalTaskBpmnError */
export const BpmnErrorBody = Type.Object(
  {
    workerId: WorkerId,
    errorCode: Type.String({ minLength: 1, maxLength: 255 }),
    errorMessage: Opt(Type.String({ maxLength: 100_000 })),
    variables: Opt(Variables),
  },
  { additionalProperties: false },
);

/** POST …/extendLock */
export const ExtendLockBody = Type.Object({ workerId: WorkerId, newDuration: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });

/** PUT …/retries */
export const RetriesBody = Type.Object({ retries: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
