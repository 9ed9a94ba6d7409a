/**
 * Versions and monitoring (API contract, section B): the TypeBox schemas the routes validate and
 * serialise with, and their static types for the designer (`import type` only).
 */
import { Type, type Static, type TSchema } from 'typebox';

/** responses only */
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Id = Type.String({ minLength: 1, maxLength: 255 });

// ---- processes and their versions

export const ProcessSummary = Type.Object(
  {
    key: Type.String(),
    name: Type.String({ description: 'the latest version’s name (its key when it has none)' }),
    latestVersion: Type.Integer(),
    latestDefinitionId: Type.String(),
    versions: Type.Integer({ description: 'how many versions are deployed' }),
    running: Type.Integer({ description: 'running instances over all versions' }),
    deprecatedVersions: Type.Array(Type.Integer(), { description: 'version numbers that start no new instances, ascending' }),
  },
  { additionalProperties: false },
);
export const ProcessList = Type.Object({ items: Type.Array(ProcessSummary) }, { additionalProperties: false });

export const ProcessVersion = Type.Object(
  {
    id: Type.String(),
    version: Type.Integer(),
    name: Type.String({ description: 'the version’s name (its key when it has none)' }),
    deploymentId: Type.String(),
    deployedAt: DateTime,
    running: Type.Integer(),
    incidents: Type.Integer({ description: 'open incidents of this version' }),
    deprecated: Type.Boolean(),
  },
  { additionalProperties: false },
);
export const ProcessVersionList = Type.Object({ items: Type.Array(ProcessVersion, { description: 'newest first' }) }, { additionalProperties: false });

export const ProcessKeyParams = Type.Object({ key: Id }, { additionalProperties: false });
export const DefinitionIdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const DeprecationState = Type.Object({ id: Type.String(), deprecated: Type.Boolean() }, { additionalProperties: false });

// ---- migration proposal

export const ProposalQuery = Type.Object({ source: Id, target: Id }, { additionalProperties: false });

export const MigrationProposal = Type.Object(
  {
    instructions: Type.Array(Type.Object({ sourceActivityIds: Type.Array(Type.String()), targetActivityIds: Type.Array(Type.String()) }, { additionalProperties: false }), {
      description: 'activities of equal id (and type and scope) in both versions',
    }),
    unmapped: Type.Array(
      Type.Object(
        {
          activityId: Type.String(),
          name: Nullable(Type.String()),
          running: Type.Integer({ description: 'running instances of the source version standing at the activity' }),
          reason: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
    runningInstances: Type.Integer({ description: 'running instances of the source version' }),
  },
  { additionalProperties: false },
);

// ---- monitor

export const InstanceState = Type.Union([Type.Literal('active'), Type.Literal('completed'), Type.Literal('incident'), Type.Literal('canceled')], {
  description: 'active: running without an open incident; incident: running with one; canceled: deleted or terminated',
});

export const InstanceListQuery = Type.Object(
  {
    key: Type.Optional(Id),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'needs key' })),
    state: Type.Optional(InstanceState),
    businessKey: Type.Optional(Id),
    startedBy: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export const InstanceSummary = Type.Object(
  {
    id: Type.String(),
    key: Type.String(),
    name: Nullable(Type.String()),
    version: Nullable(Type.Integer({ description: 'null when the definition was deleted' })),
    definitionId: Type.String(),
    businessKey: Nullable(Type.String()),
    startedBy: Nullable(Type.String()),
    startTime: DateTime,
    endTime: Nullable(DateTime),
    state: InstanceState,
    incidents: Type.Integer({ description: 'open incidents' }),
  },
  { additionalProperties: false },
);
export const InstanceList = Type.Object({ items: Type.Array(InstanceSummary, { description: 'newest first' }), total: Type.Integer() }, { additionalProperties: false });

export const InstanceParams = Type.Object({ id: Id }, { additionalProperties: false });

export const InstanceDetail = Type.Object(
  {
    instance: InstanceSummary,
    xml: Type.String({ description: 'the BPMN XML of the instance’s version' }),
    active: Type.Array(Type.Object({ activityId: Type.String(), count: Type.Integer() }, { additionalProperties: false }), {
      description: 'activity instances running now per activity (multi-instance bodies left out)',
    }),
    path: Type.Array(
      Type.Object({ activityId: Type.String(), activityType: Type.String(), startTime: DateTime, endTime: Nullable(DateTime), canceled: Type.Boolean() }, { additionalProperties: false }),
      { description: 'the activity instances in the order they started' },
    ),
    incidents: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          activityId: Nullable(Type.String()),
          type: Type.String({ description: 'failedJob or failedExternalTask' }),
          message: Nullable(Type.String()),
          jobId: Nullable(Type.String()),
          externalTaskId: Nullable(Type.String()),
          time: DateTime,
        },
        { additionalProperties: false },
      ),
    ),
    variables: Type.Array(Type.Object({ name: Type.String(), type: Type.String(), value: Type.Unknown() }, { additionalProperties: false }), {
      description: 'the instance’s own (process-level) variables',
    }),
  },
  { additionalProperties: false },
);

export const Heatmap = Type.Object(
  {
    activities: Type.Array(
      Type.Object(
        {
          activityId: Type.String(),
          count: Type.Integer({ description: 'finished activity instances' }),
          avgMs: Type.Integer({ description: 'their mean duration; 0 when none finished' }),
          maxMs: Type.Integer({ description: 'their longest duration; 0 when none finished' }),
          active: Type.Integer({ description: 'activity instances not finished yet' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type ProcessSummaryDto = Static<typeof ProcessSummary>;
export type ProcessListDto = Static<typeof ProcessList>;
export type ProcessVersionDto = Static<typeof ProcessVersion>;
export type ProcessVersionListDto = Static<typeof ProcessVersionList>;
export type DeprecationStateDto = Static<typeof DeprecationState>;
export type MigrationProposalDto = Static<typeof MigrationProposal>;
export type InstanceStateDto = Static<typeof InstanceState>;
export type InstanceListQueryDto = Static<typeof InstanceListQuery>;
export type InstanceSummaryDto = Static<typeof InstanceSummary>;
export type InstanceListDto = Static<typeof InstanceList>;
export type InstanceDetailDto = Static<typeof InstanceDetail>;
export type HeatmapDto = Static<typeof Heatmap>;
