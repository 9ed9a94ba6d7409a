import { Type, type Static, type TSchema } from 'typebox';

// null first: with coerceTypes ajv would turn a null into "" for a string branch tried before it
const Nullable = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
const Str = Type.String({ maxLength: 255 });
const DateStr = Type.String({ maxLength: 64, description: 'a date like 2026-01-05T09:00:00.000+0000' });

/** Camunda's IncidentDto, field for field */
export const IncidentDto = Type.Object({
  id: Type.String(),
  processDefinitionId: Nullable(Type.String()),
  processInstanceId: Nullable(Type.String()),
  executionId: Nullable(Type.String()),
  incidentTimestamp: Type.String(),
  incidentType: Type.String(),
  activityId: Nullable(Type.String()),
  failedActivityId: Nullable(Type.String()),
  causeIncidentId: Type.String(),
  rootCauseIncidentId: Type.String(),
  configuration: Nullable(Type.String()),
  tenantId: Type.Null(),
  incidentMessage: Nullable(Type.String()),
  jobDefinitionId: Type.Null(),
  annotation: Type.Null(),
});
export type IncidentDtoType = Static<typeof IncidentDto>;

const SortBy = Type.Enum([
  'incidentId',
  'incidentMessage',
  'incidentTimestamp',
  'incidentType',
  'executionId',
  'activityId',
  'processInstanceId',
  'processDefinitionId',
  'causeIncidentId',
  'rootCauseIncidentId',
  'configuration',
  'tenantId',
]);

const CommaList = Type.String({ maxLength: 20_000, description: 'comma-separated' });

const filters = {
  incidentId: Type.Optional(Str),
  incidentType: Type.Optional(Str),
  incidentMessage: Type.Optional(Type.String({ maxLength: 4000 })),
  incidentMessageLike: Type.Optional(Type.String({ maxLength: 4000, description: 'a LIKE pattern' })),
  processDefinitionId: Type.Optional(Str),
  processDefinitionKeyIn: Type.Optional(CommaList),
  processInstanceId: Type.Optional(Str),
  executionId: Type.Optional(Str),
  incidentTimestampBefore: Type.Optional(DateStr),
  incidentTimestampAfter: Type.Optional(DateStr),
  activityId: Type.Optional(Str),
  failedActivityId: Type.Optional(Str),
  causeIncidentId: Type.Optional(Str),
  rootCauseIncidentId: Type.Optional(Str),
  configuration: Type.Optional(Str),
  tenantIdIn: Type.Optional(CommaList),
  jobDefinitionIdIn: Type.Optional(CommaList),
  sortBy: Type.Optional(SortBy),
  sortOrder: Type.Optional(Type.Enum(['asc', 'desc'])),
};

/** GET /incident, /incident/count */
export const IncidentQueryString = Type.Object(
  { ...filters, firstResult: Type.Optional(Type.Integer({ minimum: 0 })), maxResults: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);
export const IncidentCountQueryString = Type.Object(filters, { additionalProperties: false });
export type IncidentFilters = Static<typeof IncidentCountQueryString>;

export const IncidentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });
