import { Type, type Static, type TSchema } from 'typebox';
import { Variables } from '../variables.ts';
import { AtomLink } from '../process-definition/process-definition.schema.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 255 });
const Str = Type.String({ maxLength: 255 });
const DateStr = Type.String({ maxLength: 64, description: 'a date like 2026-01-05T09:00:00.000+0000' });

export const TaskParams = Type.Object({ id: Id }, { additionalProperties: false });
export const TaskVarParams = Type.Object({ id: Id, varName: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });
export const TaskCommentParams = Type.Object({ id: Id, commentId: Id }, { additionalProperties: false });

/** Camunda's CamundaFormRef: a camunda:formRef and how it binds */
export const CamundaFormRef = Type.Object({ key: Type.String(), binding: Type.String(), version: Nullable(Type.Integer()) });

/** Camunda's TaskDto, field for field */
export const TaskDto = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  assignee: Nullable(Type.String()),
  owner: Nullable(Type.String()),
  created: Type.String(),
  lastUpdated: Nullable(Type.String()),
  due: Nullable(Type.String()),
  followUp: Nullable(Type.String()),
  delegationState: Nullable(Type.Enum(['PENDING', 'RESOLVED'])),
  description: Nullable(Type.String()),
  executionId: Type.String(),
  parentTaskId: Type.Null(),
  priority: Type.Integer(),
  processDefinitionId: Type.String(),
  processInstanceId: Type.String(),
  caseExecutionId: Type.Null(),
  caseDefinitionId: Type.Null(),
  caseInstanceId: Type.Null(),
  taskDefinitionKey: Type.String(),
  suspended: Type.Boolean(),
  formKey: Nullable(Type.String()),
  camundaFormRef: Nullable(CamundaFormRef),
  tenantId: Type.Null(),
});
export type TaskDtoType = Static<typeof TaskDto>;

const SORT_BY = [
  'instanceId',
  'caseInstanceId',
  'dueDate',
  'followUpDate',
  'executionId',
  'caseExecutionId',
  'assignee',
  'created',
  'lastUpdated',
  'description',
  'id',
  'name',
  'nameCaseInsensitive',
  'priority',
  'tenantId',
] as const;
export type TaskSortBy = (typeof SORT_BY)[number];
const SortBy = Type.Enum([...SORT_BY]);
const SortOrder = Type.Enum(['asc', 'desc']);

/** the filters GET (lists comma-separated) and POST (lists as arrays) share */
function filters<L extends TSchema>(list: L) {
  return {
    taskId: Type.Optional(Str),
    taskIdIn: Type.Optional(list),
    processInstanceId: Type.Optional(Str),
    processInstanceIdIn: Type.Optional(list),
    processInstanceBusinessKey: Type.Optional(Str),
    processInstanceBusinessKeyLike: Type.Optional(Str),
    processDefinitionKey: Type.Optional(Str),
    processDefinitionKeyIn: Type.Optional(list),
    processDefinitionId: Type.Optional(Str),
    executionId: Type.Optional(Str),
    taskDefinitionKey: Type.Optional(Str),
    taskDefinitionKeyIn: Type.Optional(list),
    taskDefinitionKeyLike: Type.Optional(Str),
    name: Type.Optional(Str),
    nameLike: Type.Optional(Str),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    descriptionLike: Type.Optional(Type.String({ maxLength: 4000 })),
    assignee: Type.Optional(Str),
    assigneeLike: Type.Optional(Str),
    assigneeIn: Type.Optional(list),
    owner: Type.Optional(Str),
    candidateGroup: Type.Optional(Str),
    candidateGroups: Type.Optional(list),
    candidateUser: Type.Optional(Str),
    includeAssignedTasks: Type.Optional(Type.Boolean()),
    involvedUser: Type.Optional(Str),
    assigned: Type.Optional(Type.Boolean()),
    unassigned: Type.Optional(Type.Boolean()),
    withCandidateGroups: Type.Optional(Type.Boolean()),
    withoutCandidateGroups: Type.Optional(Type.Boolean()),
    withCandidateUsers: Type.Optional(Type.Boolean()),
    withoutCandidateUsers: Type.Optional(Type.Boolean()),
    delegationState: Type.Optional(Type.Enum(['PENDING', 'RESOLVED'])),
    priority: Type.Optional(Type.Integer()),
    minPriority: Type.Optional(Type.Integer()),
    maxPriority: Type.Optional(Type.Integer()),
    dueBefore: Type.Optional(DateStr),
    dueAfter: Type.Optional(DateStr),
    withoutDueDate: Type.Optional(Type.Boolean()),
    followUpBefore: Type.Optional(DateStr),
    followUpAfter: Type.Optional(DateStr),
    createdBefore: Type.Optional(DateStr),
    createdAfter: Type.Optional(DateStr),
    sortBy: Type.Optional(SortBy),
    sortOrder: Type.Optional(SortOrder),
  };
}

const Paging = {
  firstResult: Type.Optional(Type.Integer({ minimum: 0 })),
  maxResults: Type.Optional(Type.Integer({ minimum: 0 })),
};

/** GET /task, /task/count: Camunda's query parameters; lists are comma-separated */
const CommaList = Type.String({ maxLength: 20_000, description: 'comma-separated' });
export const TaskQueryString = Type.Object({ ...filters(CommaList), ...Paging }, { additionalProperties: false });
export const TaskCountQueryString = Type.Object(filters(CommaList), { additionalProperties: false });

/** POST /task, /task/count: Camunda's TaskQueryDto; lists are arrays, several sort keys in `sorting` */
export const TaskQueryBody = Type.Object(
  {
    ...filters(Type.Array(Str, { maxItems: 1000 })),
    sorting: Type.Optional(Type.Array(Type.Object({ sortBy: SortBy, sortOrder: Type.Optional(SortOrder) }, { additionalProperties: false }), { maxItems: 10 })),
  },
  { additionalProperties: false },
);
export const PagingQuery = Type.Object(Paging, { additionalProperties: false });

/** the filters of either form, lists as arrays */
export type TaskFilters = Omit<Static<typeof TaskQueryBody>, 'sorting'> & { sorting?: { sortBy: TaskSortBy; sortOrder?: 'asc' | 'desc' }[] };

// ---- bodies of the task actions: all optional, so that who may call is answered before what was sent

export const UserIdBody = Type.Object({ userId: Type.Optional(Nullable(Str)) }, { additionalProperties: false });
export const VariablesBody = Type.Object({ variables: Type.Optional(Nullable(Variables)) }, { additionalProperties: false });
export const CompleteBody = Type.Object(
  { variables: Type.Optional(Nullable(Variables)), withVariablesInReturn: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** PUT /task/{id}: the fields of a TaskDto a task takes; a field left out stays as it is */
export const TaskUpdateBody = Type.Object(
  {
    id: Type.Optional(Nullable(Str)),
    name: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    priority: Type.Optional(Type.Integer()),
    assignee: Type.Optional(Nullable(Str)),
    owner: Type.Optional(Nullable(Str)),
    delegationState: Type.Optional(Nullable(Type.Enum(['PENDING', 'RESOLVED']))),
    due: Type.Optional(Nullable(DateStr)),
    followUp: Type.Optional(Nullable(DateStr)),
    parentTaskId: Type.Optional(Type.Null()),
    caseInstanceId: Type.Optional(Type.Null()),
    tenantId: Type.Optional(Type.Null()),
  },
  { additionalProperties: false },
);
export type TaskUpdateBodyType = Static<typeof TaskUpdateBody>;

export const ModificationsBody = Type.Object(
  {
    modifications: Type.Optional(Nullable(Variables)),
    deletions: Type.Optional(Nullable(Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 1000 }))),
  },
  { additionalProperties: false },
);

export const VariableValueBody = Type.Object(
  {
    value: Type.Optional(Type.Unknown()),
    type: Type.Optional(Type.String({ maxLength: 64 })),
    valueInfo: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

export const DeserializeQuery = Type.Object({ deserializeValues: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

// ---- comments, identity links, forms

/** Camunda's CommentDto */
export const CommentDto = Type.Object({
  id: Type.String(),
  userId: Nullable(Type.String()),
  taskId: Nullable(Type.String()),
  processInstanceId: Nullable(Type.String()),
  time: Type.String(),
  message: Type.String(),
  removalTime: Type.Null(),
  rootProcessInstanceId: Nullable(Type.String()),
  links: Type.Optional(Type.Array(AtomLink)),
});
export const CommentBody = Type.Object(
  { message: Type.Optional(Type.String({ maxLength: 20_000 })), processInstanceId: Type.Optional(Nullable(Str)) },
  { additionalProperties: false },
);

/** Camunda's IdentityLinkDto */
export const IdentityLinkDto = Type.Object({ userId: Nullable(Type.String()), groupId: Nullable(Type.String()), type: Type.String() });
export const IdentityLinkBody = Type.Object(
  { userId: Type.Optional(Nullable(Str)), groupId: Type.Optional(Nullable(Str)), type: Type.Optional(Str) },
  { additionalProperties: false },
);
export const IdentityLinkQuery = Type.Object({ type: Type.Optional(Str) }, { additionalProperties: false });

/** Camunda's FormDto of a task */
export const TaskFormDto = Type.Object({ key: Nullable(Type.String()), camundaFormRef: Nullable(CamundaFormRef), contextPath: Type.Null() });
