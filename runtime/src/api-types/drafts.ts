/**
 * Drafts and publishing (API contract, section A): the TypeBox schemas the routes validate and
 * serialise with, and their static types for the designer (`import type` only).
 */
import { Type, type Static, type TSchema } from 'typebox';

/** responses only; request fields use `type: [t, 'null']` (see routes/engine-rest/common/nullable.ts) */
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** 5 MB: the largest draft content accepted (characters; the service checks bytes too) */
export const DRAFT_CONTENT_MAX = 5 * 1024 * 1024;

export const DraftKind = Type.Union([Type.Literal('bpmn'), Type.Literal('form')]);
export const DraftMode = Type.Union([Type.Literal('full'), Type.Literal('simple')]);
export const DraftKey = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,254}$', description: 'the process id (bpmn) or form id (form) it publishes as' });
const SimpleModel = Type.Object({}, { additionalProperties: true, description: 'the simple-mode model the designer keeps beside the XML' });
const SimpleIn = Type.Unsafe<Record<string, unknown> | null>({ type: ['object', 'null'], description: 'the simple-mode model; null for none' });

export const DraftSummary = Type.Object(
  {
    id: Type.String(),
    kind: DraftKind,
    key: Type.String(),
    name: Type.String(),
    mode: DraftMode,
    revision: Type.Integer({ description: 'goes up by one on every save; a save names the revision it read' }),
    updatedBy: Type.String(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const Draft = Type.Object(
  {
    ...DraftSummary.properties,
    simple: Nullable(SimpleModel),
    content: Type.String({ description: 'BPMN XML or form-js JSON' }),
  },
  { additionalProperties: false },
);

export const DraftList = Type.Object({ items: Type.Array(DraftSummary) }, { additionalProperties: false });

export const DraftParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const FromDefinitionParams = Type.Object(
  { definitionId: Type.String({ minLength: 1, maxLength: 255, description: 'a deployed process definition (GET /engine-rest/process-definition)' }) },
  { additionalProperties: false },
);

export const DraftListQuery = Type.Object({ kind: Type.Optional(DraftKind) }, { additionalProperties: false });

export const CreateDraftBody = Type.Object(
  {
    kind: DraftKind,
    key: DraftKey,
    name: Type.String({ minLength: 1, maxLength: 255 }),
    content: Type.String({ maxLength: DRAFT_CONTENT_MAX }),
    mode: Type.Optional(DraftMode),
    simple: Type.Optional(SimpleIn),
  },
  { additionalProperties: false },
);

export const UpdateDraftBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    content: Type.Optional(Type.String({ maxLength: DRAFT_CONTENT_MAX })),
    mode: Type.Optional(DraftMode),
    simple: Type.Optional(SimpleIn),
    revision: Type.Integer({ minimum: 0, description: 'the revision this edit was made on; a stale one → 409, nothing overwritten' }),
  },
  { additionalProperties: false },
);

export const DraftProblem = Type.Object(
  {
    elementId: Nullable(Type.String()),
    message: Type.String(),
    severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  },
  { additionalProperties: false },
);

export const DraftValidation = Type.Object({ problems: Type.Array(DraftProblem) }, { additionalProperties: false });

export const PublishResult = Type.Object(
  {
    deploymentId: Type.String(),
    definitions: Type.Array(
      Type.Object({ id: Type.String(), key: Type.String(), version: Type.Integer(), isNew: Type.Boolean({ description: 'false: unchanged, the latest version was kept' }) }, { additionalProperties: false }),
    ),
    forms: Type.Array(Type.String({ description: 'the key of a form draft deployed with it' })),
  },
  { additionalProperties: false },
);

export const PreviewBody = Type.Object(
  {
    variables: Type.Record(Type.String(), Type.Unknown(), { description: 'sample data the process starts with' }),
    initiator: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'who starts it (the camunda:initiator variable); default: the caller' })),
  },
  { additionalProperties: false },
);

export const PreviewStep = Type.Object(
  {
    activityId: Type.String(),
    name: Nullable(Type.String()),
    assignee: Nullable(Type.String()),
    candidateUsers: Type.Array(Type.String()),
    candidateGroups: Type.Array(Type.String()),
    people: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }), { description: 'who would get the task: the assignee, else the candidates' }),
  },
  { additionalProperties: false },
);

export const RoutePreview = Type.Object(
  {
    path: Type.Array(Type.Object({ activityId: Type.String(), name: Nullable(Type.String()), type: Type.String() }, { additionalProperties: false })),
    steps: Type.Array(PreviewStep),
    outcome: Type.Union([Type.Literal('completed'), Type.Literal('waiting'), Type.Literal('error')]),
    waitingAt: Type.Array(Type.String()),
    message: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

export type DraftKind = Static<typeof DraftKind>;
export type DraftMode = Static<typeof DraftMode>;
export type DraftSummary = Static<typeof DraftSummary>;
export type Draft = Static<typeof Draft>;
export type DraftList = Static<typeof DraftList>;
export type CreateDraftBody = Static<typeof CreateDraftBody>;
export type UpdateDraftBody = Static<typeof UpdateDraftBody>;
export type DraftProblem = Static<typeof DraftProblem>;
export type DraftValidation = Static<typeof DraftValidation>;
export type PublishResult = Static<typeof PublishResult>;
export type PreviewBody = Static<typeof PreviewBody>;
export type PreviewStep = Static<typeof PreviewStep>;
export type RoutePreview = Static<typeof RoutePreview>;
