import { Type, type TProperties, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String({ maxLength: 255 });
const List = Type.String({ maxLength: 20_000, description: 'comma-separated' });
const DateStr = Type.String({ maxLength: 64, description: 'a date like 2026-01-05T09:00:00.000+0000' });
const Bool = Type.Boolean();
const Opt = <T extends TSchema>(t: T) => Type.Optional(t);

const paging = { firstResult: Opt(Type.Integer({ minimum: 0 })), maxResults: Opt(Type.Integer({ minimum: 0 })) };
const sorting = (keys: string[]) => ({ sortBy: Opt(Type.Enum(keys)), sortOrder: Opt(Type.Enum(['asc', 'desc'])) });

/** a GET list query (with paging) and its /count twin (without) */
function queries<P extends TProperties>(props: P, sortKeys: string[]) {
  return {
    list: Type.Object({ ...props, ...sorting(sortKeys), ...paging }, { additionalProperties: false }),
    count: Type.Object({ ...props, ...sorting(sortKeys) }, { additionalProperties: false }),
  };
}

export const ByIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 600 }) }, { additionalProperties: false });

// ---- process instances

export const PROCESS_INSTANCE_STATES = ['ACTIVE', 'SUSPENDED', 'COMPLETED', 'EXTERNALLY_TERMINATED', 'INTERNALLY_TERMINATED'] as const;

export const HistoricProcessInstanceDto = Type.Object({
  id: Type.String(),
  businessKey: Nullable(Type.String()),
  processDefinitionId: Type.String(),
  processDefinitionKey: Type.String(),
  processDefinitionName: Nullable(Type.String()),
  processDefinitionVersion: Nullable(Type.Integer()),
  startTime: Type.String(),
  endTime: Nullable(Type.String()),
  removalTime: Type.Null(),
  durationInMillis: Nullable(Type.Integer()),
  startUserId: Nullable(Type.String()),
  startActivityId: Nullable(Type.String()),
  deleteReason: Nullable(Type.String()),
  rootProcessInstanceId: Type.String(),
  superProcessInstanceId: Nullable(Type.String()),
  superCaseInstanceId: Type.Null(),
  caseInstanceId: Type.Null(),
  tenantId: Type.Null(),
  state: Type.Enum([...PROCESS_INSTANCE_STATES]),
  restartedProcessInstanceId: Type.Null(),
});

const processInstanceFilters = {
  processInstanceId: Opt(Str),
  processInstanceIds: Opt(List),
  processDefinitionId: Opt(Str),
  processDefinitionKey: Opt(Str),
  processDefinitionKeyIn: Opt(List),
  processDefinitionKeyNotIn: Opt(List),
  processInstanceBusinessKey: Opt(Str),
  processInstanceBusinessKeyLike: Opt(Str),
  superProcessInstanceId: Opt(Str),
  finished: Opt(Bool),
  unfinished: Opt(Bool),
  startedBy: Opt(Str),
  startedBefore: Opt(DateStr),
  startedAfter: Opt(DateStr),
  finishedBefore: Opt(DateStr),
  finishedAfter: Opt(DateStr),
  state: Opt(Type.Enum([...PROCESS_INSTANCE_STATES])),
  active: Opt(Bool),
  suspended: Opt(Bool),
  completed: Opt(Bool),
  externallyTerminated: Opt(Bool),
  internallyTerminated: Opt(Bool),
};
export const PROCESS_INSTANCE_SORT = ['instanceId', 'definitionId', 'definitionKey', 'definitionName', 'definitionVersion', 'businessKey', 'startTime', 'endTime', 'duration', 'tenantId'];
export const ProcessInstanceQuery = queries(processInstanceFilters, PROCESS_INSTANCE_SORT);

/** POST /history/process-instance: the same filters in a body, lists as arrays, several sort keys in `sorting` */
export const ProcessInstanceQueryBody = Type.Object(
  {
    ...processInstanceFilters,
    processInstanceIds: Opt(Type.Array(Str, { maxItems: 1000 })),
    processDefinitionKeyIn: Opt(Type.Array(Str, { maxItems: 1000 })),
    processDefinitionKeyNotIn: Opt(Type.Array(Str, { maxItems: 1000 })),
    sorting: Opt(Type.Array(Type.Object({ sortBy: Type.Enum(PROCESS_INSTANCE_SORT), sortOrder: Opt(Type.Enum(['asc', 'desc'])) }, { additionalProperties: false }), { maxItems: 10 })),
  },
  { additionalProperties: false },
);
export const PagingQuery = Type.Object(paging, { additionalProperties: false });

// ---- activity instances

export const HistoricActivityInstanceDto = Type.Object({
  id: Type.String(),
  parentActivityInstanceId: Nullable(Type.String()),
  activityId: Type.String(),
  activityName: Nullable(Type.String()),
  activityType: Type.String(),
  processDefinitionKey: Nullable(Type.String()),
  processDefinitionId: Nullable(Type.String()),
  processInstanceId: Type.String(),
  executionId: Type.String(),
  taskId: Nullable(Type.String()),
  calledProcessInstanceId: Nullable(Type.String()),
  calledCaseInstanceId: Type.Null(),
  assignee: Nullable(Type.String()),
  startTime: Type.String(),
  endTime: Nullable(Type.String()),
  durationInMillis: Nullable(Type.Integer()),
  canceled: Type.Boolean(),
  completeScope: Type.Boolean(),
  tenantId: Type.Null(),
  removalTime: Type.Null(),
  rootProcessInstanceId: Nullable(Type.String()),
});

export const ACTIVITY_SORT = ['activityInstanceId', 'instanceId', 'executionId', 'activityId', 'activityName', 'activityType', 'startTime', 'endTime', 'duration', 'definitionId', 'occurrence', 'tenantId'];
export const ActivityInstanceQuery = queries(
  {
    activityInstanceId: Opt(Str),
    processInstanceId: Opt(Str),
    processDefinitionId: Opt(Str),
    executionId: Opt(Str),
    activityId: Opt(Str),
    activityName: Opt(Str),
    activityType: Opt(Str),
    taskAssignee: Opt(Str),
    finished: Opt(Bool),
    unfinished: Opt(Bool),
    canceled: Opt(Bool),
    completeScope: Opt(Bool),
    startedBefore: Opt(DateStr),
    startedAfter: Opt(DateStr),
    finishedBefore: Opt(DateStr),
    finishedAfter: Opt(DateStr),
  },
  ACTIVITY_SORT,
);

// ---- tasks

export const HistoricTaskInstanceDto = Type.Object({
  id: Type.String(),
  processDefinitionKey: Type.String(),
  processDefinitionId: Nullable(Type.String()),
  processInstanceId: Type.String(),
  executionId: Type.String(),
  caseDefinitionKey: Type.Null(),
  caseDefinitionId: Type.Null(),
  caseInstanceId: Type.Null(),
  caseExecutionId: Type.Null(),
  activityInstanceId: Type.String(),
  name: Nullable(Type.String()),
  description: Nullable(Type.String()),
  deleteReason: Nullable(Type.String()),
  owner: Nullable(Type.String()),
  assignee: Nullable(Type.String()),
  startTime: Type.String(),
  endTime: Nullable(Type.String()),
  duration: Nullable(Type.Integer()),
  taskDefinitionKey: Type.String(),
  priority: Type.Integer(),
  due: Nullable(Type.String()),
  parentTaskId: Type.Null(),
  followUp: Nullable(Type.String()),
  tenantId: Type.Null(),
  removalTime: Type.Null(),
  rootProcessInstanceId: Nullable(Type.String()),
});

export const TASK_SORT = [
  'taskId',
  'activityInstanceId',
  'processDefinitionId',
  'processInstanceId',
  'executionId',
  'duration',
  'endTime',
  'startTime',
  'taskName',
  'taskDescription',
  'assignee',
  'owner',
  'dueDate',
  'followUpDate',
  'deleteReason',
  'taskDefinitionKey',
  'priority',
  'caseDefinitionId',
  'caseInstanceId',
  'caseExecutionId',
  'tenantId',
];
export const TaskInstanceQuery = queries(
  {
    taskId: Opt(Str),
    processInstanceId: Opt(Str),
    processInstanceBusinessKey: Opt(Str),
    executionId: Opt(Str),
    processDefinitionId: Opt(Str),
    processDefinitionKey: Opt(Str),
    taskName: Opt(Str),
    taskNameLike: Opt(Str),
    taskDefinitionKey: Opt(Str),
    taskDefinitionKeyIn: Opt(List),
    taskDeleteReason: Opt(Str),
    taskAssignee: Opt(Str),
    taskAssigneeLike: Opt(Str),
    taskOwner: Opt(Str),
    taskPriority: Opt(Type.Integer()),
    taskInvolvedUser: Opt(Str),
    assigned: Opt(Bool),
    unassigned: Opt(Bool),
    finished: Opt(Bool),
    unfinished: Opt(Bool),
    processFinished: Opt(Bool),
    processUnfinished: Opt(Bool),
    taskDueDateBefore: Opt(DateStr),
    taskDueDateAfter: Opt(DateStr),
    startedBefore: Opt(DateStr),
    startedAfter: Opt(DateStr),
    finishedBefore: Opt(DateStr),
    finishedAfter: Opt(DateStr),
  },
  TASK_SORT,
);

// ---- variable instances and details

const TypedFields = { type: Type.String(), value: Type.Unknown(), valueInfo: Type.Record(Type.String(), Type.Unknown()) };

export const HistoricVariableInstanceDto = Type.Object({
  id: Type.String(),
  name: Type.String(),
  ...TypedFields,
  processDefinitionKey: Nullable(Type.String()),
  processDefinitionId: Nullable(Type.String()),
  processInstanceId: Type.String(),
  executionId: Type.String(),
  activityInstanceId: Type.String(),
  caseDefinitionKey: Type.Null(),
  caseDefinitionId: Type.Null(),
  caseInstanceId: Type.Null(),
  caseExecutionId: Type.Null(),
  taskId: Type.Null(),
  tenantId: Type.Null(),
  errorMessage: Type.Null(),
  state: Type.String(),
  createTime: Type.String(),
  removalTime: Type.Null(),
  rootProcessInstanceId: Nullable(Type.String()),
});

export const VARIABLE_SORT = ['instanceId', 'variableName', 'tenantId'];
export const VariableInstanceQuery = queries(
  {
    variableName: Opt(Str),
    variableNameLike: Opt(Str),
    variableNameIn: Opt(List),
    variableTypeIn: Opt(List),
    processInstanceId: Opt(Str),
    processInstanceIdIn: Opt(List),
    processDefinitionId: Opt(Str),
    processDefinitionKey: Opt(Str),
    executionIdIn: Opt(List),
    activityInstanceIdIn: Opt(List),
    includeDeleted: Opt(Bool),
    deserializeValues: Opt(Bool),
  },
  VARIABLE_SORT,
);
export const DeserializeQuery = Type.Object({ deserializeValues: Opt(Bool) }, { additionalProperties: false });

/** Camunda's HistoricVariableUpdateDto (a historic detail of type variableUpdate) */
export const HistoricDetailDto = Type.Object({
  id: Type.String(),
  type: Type.Literal('variableUpdate'),
  processDefinitionKey: Nullable(Type.String()),
  processDefinitionId: Nullable(Type.String()),
  processInstanceId: Type.String(),
  activityInstanceId: Type.String(),
  executionId: Type.String(),
  caseDefinitionKey: Type.Null(),
  caseDefinitionId: Type.Null(),
  caseInstanceId: Type.Null(),
  caseExecutionId: Type.Null(),
  taskId: Type.Null(),
  tenantId: Type.Null(),
  userOperationId: Type.Null(),
  time: Type.String(),
  removalTime: Type.Null(),
  rootProcessInstanceId: Nullable(Type.String()),
  variableName: Type.String(),
  variableInstanceId: Type.String(),
  variableType: Type.String(),
  value: Type.Unknown(),
  valueInfo: Type.Record(Type.String(), Type.Unknown()),
  initial: Type.Boolean(),
  revision: Type.Integer(),
  errorMessage: Type.Null(),
});

export const DETAIL_SORT = ['processInstanceId', 'variableName', 'variableType', 'variableRevision', 'formPropertyId', 'time', 'occurrence', 'tenantId'];
export const DetailQuery = queries(
  {
    processInstanceId: Opt(Str),
    processInstanceIdIn: Opt(List),
    executionId: Opt(Str),
    activityInstanceId: Opt(Str),
    variableInstanceId: Opt(Type.String({ maxLength: 600 })),
    variableTypeIn: Opt(List),
    variableUpdates: Opt(Bool),
    formFields: Opt(Bool),
    excludeTaskDetails: Opt(Bool),
    occurredBefore: Opt(DateStr),
    occurredAfter: Opt(DateStr),
    deserializeValues: Opt(Bool),
  },
  DETAIL_SORT,
);
