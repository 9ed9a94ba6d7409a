import { Type, type Static, type TSchema } from 'typebox';

/**
 * The employee workspace (API contract, section C): the catalogue of processes I may start,
 * my inbox (to do, done, started by me, copied to me), the actions on a task and a request's
 * timeline. The designer imports the Static types type-only; the routes use the schemas.
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Time = Type.String({ format: 'date-time' });

export const CatalogueItem = Type.Object(
  {
    key: Type.String(),
    name: Type.String({ description: 'the process name, its key without one' }),
    definitionId: Type.String({ description: 'the newest version not deprecated' }),
    version: Type.Integer(),
    hasStartForm: Type.Boolean(),
    description: Nullable(Type.String({ description: "the process's bpmn:documentation" })),
  },
  { additionalProperties: false },
);
export const CatalogueDto = Type.Object({ items: Type.Array(CatalogueItem) }, { additionalProperties: false });

export const InboxTab = Type.Union([Type.Literal('todo'), Type.Literal('done'), Type.Literal('started'), Type.Literal('cc')]);

export const InboxItem = Type.Object(
  {
    id: Type.String({ description: 'the task id (todo, done), the instance id (started) or the cc id (cc)' }),
    taskId: Nullable(Type.String()),
    name: Type.String({ description: 'the task name (its activity id without one); the process name for started; the cc step or process name for cc' }),
    processInstanceId: Type.String(),
    processKey: Type.String(),
    processName: Nullable(Type.String()),
    businessKey: Nullable(Type.String()),
    initiator: Nullable(Type.String()),
    created: Time,
    due: Nullable(Time),
    endTime: Nullable(Time),
    state: Type.String({ description: "todo: 'open'; done: 'completed'; started and cc: the instance's 'active' | 'suspended' | 'completed' | 'canceled'" }),
    read: Type.Optional(Type.Boolean({ description: 'cc only' })),
    serialNo: Type.Optional(Nullable(Type.String({ description: 'the request number (lz.serialPattern)' }))),
    title: Type.Optional(Nullable(Type.String({ description: 'the request title (lz.titleTemplate)' }))),
  },
  { additionalProperties: false },
);
export const InboxDto = Type.Object({ items: Type.Array(InboxItem), total: Type.Integer() }, { additionalProperties: false });
export const CcReadDto = Type.Object({ id: Type.String(), read: Type.Literal(true) }, { additionalProperties: false });

export const TaskAction = Type.Union(
  [
    Type.Literal('approve'),
    Type.Literal('reject'),
    Type.Literal('return'),
    Type.Literal('transfer'),
    Type.Literal('delegate'),
    Type.Literal('resolve'),
    Type.Literal('addSigner'),
    Type.Literal('removeSigner'),
    Type.Literal('cc'),
    Type.Literal('resubmit'),
    Type.Literal('complete'),
  ],
  { description: 'docs/approvals.md: the actions on a task' },
);
export const SignerPosition = Type.Union([Type.Literal('before'), Type.Literal('after'), Type.Literal('parallel')]);
export const ReturnableStep = Type.Object(
  { activityId: Type.String(), name: Nullable(Type.String()), kind: Type.Union([Type.Literal('step'), Type.Literal('initiator')]) },
  { additionalProperties: false },
);
export const AddedSigner = Type.Object({ userId: Type.String(), position: SignerPosition, taskId: Type.String() }, { additionalProperties: false });
export const TaskActionsDto = Type.Object(
  {
    actions: Type.Array(TaskAction, { description: 'what the caller may do now; empty when the task is someone else’s' }),
    approval: Type.Boolean({ description: 'the user task is an approval step (camunda:property lz.approval = true)' }),
    commentRequired: Type.Union([Type.Literal('never'), Type.Literal('reject'), Type.Literal('always')]),
    returnable: Type.Array(ReturnableStep, { description: 'the steps a return may go to, newest first; the initiator last' }),
    addedSigners: Type.Array(AddedSigner, { description: 'signers the caller added to this step who have not decided yet' }),
  },
  { additionalProperties: false },
);
export const AttachmentBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 255 }), contentType: Type.String({ maxLength: 255 }), data: Type.String({ description: 'base64' }) },
  { additionalProperties: false },
);
const Comment = Type.String({ maxLength: 20_000 });
const UserId = Type.String({ minLength: 1, maxLength: 255 });
export const ActBody = Type.Object(
  {
    action: TaskAction,
    values: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'the task form’s data, checked as /api/forms/task/:taskId/submit checks it' })),
    comment: Type.Optional(Comment),
    attachments: Type.Optional(Type.Array(AttachmentBody, { maxItems: 5 })),
    target: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: "return: an activityId from `returnable`, or 'initiator'" })),
    userId: Type.Optional(UserId),
    position: Type.Optional(SignerPosition),
    users: Type.Optional(Type.Array(UserId, { minItems: 1, maxItems: 200, description: 'cc: who gets a copy' })),
  },
  { additionalProperties: false },
);
export const ActedDto = Type.Object({ taskId: Type.String(), processInstanceId: Type.String() }, { additionalProperties: false });
export const BatchActBody = Type.Object(
  { taskIds: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 100 }), action: Type.Literal('approve'), comment: Type.Optional(Comment) },
  { additionalProperties: false },
);
export const BatchActDto = Type.Object(
  {
    results: Type.Array(
      Type.Object({ taskId: Type.String(), ok: Type.Boolean(), code: Type.Optional(Type.String()), message: Type.Optional(Type.String()) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export const RequestActionBody = Type.Object(
  { comment: Type.Optional(Comment), attachments: Type.Optional(Type.Array(AttachmentBody, { maxItems: 5 })) },
  { additionalProperties: false },
);
export const RequestCcBody = Type.Object({ users: Type.Array(UserId, { minItems: 1, maxItems: 200 }), comment: Type.Optional(Comment) }, { additionalProperties: false });
export const RequestActedDto = Type.Object({ processInstanceId: Type.String(), tasks: Type.Integer({ description: 'urge: how many tasks were urged' }) }, { additionalProperties: false });

export const TimelineKind = Type.Union([Type.Literal('started'), Type.Literal('task'), Type.Literal('comment'), Type.Literal('cc'), Type.Literal('action'), Type.Literal('ended')]);
export const TimelineAttachment = Type.Object(
  { id: Type.String(), name: Type.String(), size: Type.Integer(), contentType: Type.String() },
  { additionalProperties: false },
);
export const TimelineOutcome = Type.Union([Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('completed'), Type.Literal('open'), Type.Null()]);
export const TimelineItem = Type.Object(
  {
    kind: TimelineKind,
    activityId: Nullable(Type.String()),
    name: Nullable(Type.String()),
    user: Nullable(Type.String()),
    time: Time,
    endTime: Nullable(Time),
    outcome: TimelineOutcome,
    message: Nullable(Type.String()),
    action: Type.Optional(Type.String({ description: "kind 'action': approve, reject, return, transfer, delegate, resolve, addSigner, removeSigner, cc, resubmit, withdraw, urge, remind, escalate, complete" })),
    target: Type.Optional(Nullable(Type.String({ description: 'the step returned to, the user transferred / delegated / added, the users copied' }))),
    attachments: Type.Optional(Type.Array(TimelineAttachment)),
    auto: Type.Optional(Type.Boolean({ description: "kind 'task': decided by a policy (empty approver, the initiator or a repeated approver, a timeout)" })),
  },
  { additionalProperties: false },
);
export const TimelineInstance = Type.Object(
  {
    id: Type.String(),
    key: Type.String(),
    name: Nullable(Type.String()),
    businessKey: Nullable(Type.String()),
    startedBy: Nullable(Type.String()),
    startTime: Time,
    endTime: Nullable(Time),
    state: Type.String({ description: "'active' | 'suspended' | 'completed' | 'canceled'" }),
    serialNo: Type.Optional(Nullable(Type.String({ description: 'the request number (lz.serialPattern)' }))),
    title: Type.Optional(Nullable(Type.String({ description: 'the request title (lz.titleTemplate)' }))),
  },
  { additionalProperties: false },
);
export const TimelineDto = Type.Object({ instance: TimelineInstance, items: Type.Array(TimelineItem) }, { additionalProperties: false });

export type CatalogueItem = Static<typeof CatalogueItem>;
export type CatalogueResponse = Static<typeof CatalogueDto>;
export type InboxTab = Static<typeof InboxTab>;
export type InboxItem = Static<typeof InboxItem>;
export type InboxResponse = Static<typeof InboxDto>;
export type CcReadResponse = Static<typeof CcReadDto>;
export type TaskAction = Static<typeof TaskAction>;
export type TaskActionsResponse = Static<typeof TaskActionsDto>;
export type ActRequest = Static<typeof ActBody>;
export type ActResponse = Static<typeof ActedDto>;
export type ReturnableStep = Static<typeof ReturnableStep>;
export type AddedSigner = Static<typeof AddedSigner>;
export type BatchActRequest = Static<typeof BatchActBody>;
export type BatchActResponse = Static<typeof BatchActDto>;
export type RequestActionRequest = Static<typeof RequestActionBody>;
export type RequestCcRequest = Static<typeof RequestCcBody>;
export type RequestActedResponse = Static<typeof RequestActedDto>;
export type TimelineAttachment = Static<typeof TimelineAttachment>;
export type TimelineItem = Static<typeof TimelineItem>;
export type TimelineInstance = Static<typeof TimelineInstance>;
export type TimelineResponse = Static<typeof TimelineDto>;
