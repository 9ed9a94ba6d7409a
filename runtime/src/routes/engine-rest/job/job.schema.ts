import { Type, type Static, type TSchema } from 'typebox';
import { orNull } from '../common/nullable.ts';

// null first: with coerceTypes ajv would turn a null into "" for a string branch tried before it
const Nullable = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
const Str = Type.String({ maxLength: 255 });
const DateStr = Type.String({ maxLength: 64, description: 'a date like 2026-01-05T09:00:00.000+0000' });

/** Camunda's JobDto, field for field */
export const JobDto = Type.Object({
  id: Type.String(),
  jobDefinitionId: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  processInstanceId: Nullable(Type.String()),
  executionId: Nullable(Type.String()),
  processDefinitionId: Nullable(Type.String()),
  processDefinitionKey: Nullable(Type.String()),
  retries: Type.Integer(),
  exceptionMessage: Nullable(Type.String()),
  failedActivityId: Nullable(Type.String()),
  suspended: Type.Boolean(),
  priority: Type.Integer(),
  tenantId: Type.Null(),
  createTime: Nullable(Type.String()),
  batchId: Type.Null(),
});
export type JobDtoType = Static<typeof JobDto>;

const SortBy = Type.Enum(['jobId', 'executionId', 'processInstanceId', 'processDefinitionId', 'processDefinitionKey', 'jobRetries', 'jobDueDate', 'jobPriority', 'tenantId']);
const SortOrder = Type.Enum(['asc', 'desc']);
const Condition = Type.Object({ operator: Type.Enum(['gt', 'lt']), value: DateStr }, { additionalProperties: false });

function filters<L extends TSchema, C extends TSchema>(list: L, conditions: C) {
  return {
    jobId: Type.Optional(Str),
    jobIds: Type.Optional(list),
    jobDefinitionId: Type.Optional(Str),
    processInstanceId: Type.Optional(Str),
    processInstanceIds: Type.Optional(list),
    executionId: Type.Optional(Str),
    processDefinitionId: Type.Optional(Str),
    processDefinitionKey: Type.Optional(Str),
    activityId: Type.Optional(Str),
    withRetriesLeft: Type.Optional(Type.Boolean()),
    executable: Type.Optional(Type.Boolean()),
    timers: Type.Optional(Type.Boolean()),
    messages: Type.Optional(Type.Boolean()),
    dueDates: Type.Optional(conditions),
    createTimes: Type.Optional(conditions),
    withException: Type.Optional(Type.Boolean()),
    exceptionMessage: Type.Optional(Type.String({ maxLength: 4000 })),
    failedActivityId: Type.Optional(Str),
    noRetriesLeft: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
    suspended: Type.Optional(Type.Boolean()),
    priorityLowerThanOrEquals: Type.Optional(Type.Integer()),
    priorityHigherThanOrEquals: Type.Optional(Type.Integer()),
    tenantIdIn: Type.Optional(list),
    withoutTenantId: Type.Optional(Type.Boolean()),
    includeJobsWithoutTenantId: Type.Optional(Type.Boolean()),
    sortBy: Type.Optional(SortBy),
    sortOrder: Type.Optional(SortOrder),
  };
}

const Paging = {
  firstResult: Type.Optional(Type.Integer({ minimum: 0 })),
  maxResults: Type.Optional(Type.Integer({ minimum: 0 })),
};

const CommaList = Type.String({ maxLength: 20_000, description: 'comma-separated' });
const ConditionString = Type.String({ maxLength: 1000, description: 'operator_value pairs, comma-separated: gt_2026-01-05T09:00:00.000+0000' });

/** GET /job, /job/count */
export const JobQueryString = Type.Object({ ...filters(CommaList, ConditionString), ...Paging }, { additionalProperties: false });
export const JobCountQueryString = Type.Object(filters(CommaList, ConditionString), { additionalProperties: false });

/** POST /job, /job/count: Camunda's JobQueryDto as JSON */
export const JobQueryBody = Type.Object(
  {
    ...filters(Type.Array(Str, { maxItems: 1000 }), Type.Array(Condition, { maxItems: 2 })),
    sorting: Type.Optional(Type.Array(Type.Object({ sortBy: SortBy, sortOrder: Type.Optional(SortOrder) }, { additionalProperties: false }), { maxItems: 10 })),
  },
  { additionalProperties: false },
);
export const PagingQuery = Type.Object(Paging, { additionalProperties: false });

export type JobFilters = {
  [K in keyof Static<typeof JobQueryBody>]?: K extends 'jobIds' | 'processInstanceIds' | 'tenantIdIn'
    ? string | string[]
    : K extends 'dueDates' | 'createTimes'
      ? string | { operator: string; value: string }[]
      : Static<typeof JobQueryBody>[K];
};

export const JobParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });

/** PUT /job/{id}/retries: Camunda's RetriesDto */
export const RetriesBody = Type.Object(
  {
    retries: Type.Integer({ minimum: 0 }),
    dueDate: Type.Optional(orNull(DateStr)),
  },
  { additionalProperties: false },
);

/** PUT /job/{id}/duedate: Camunda's JobDuedateDto */
export const DuedateBody = Type.Object(
  {
    duedate: orNull(DateStr),
    cascade: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
