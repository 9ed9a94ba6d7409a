import { Type, type Static, type TSchema } from 'typebox';
import { InstanceQueryBody } from '../process-instance/process-instance.schema.ts';
import { Variables } from '../variables.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 255 });
const Ids = Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 100 });

/** Camunda's MigrationInstructionDto */
export const MigrationInstruction = Type.Object(
  { sourceActivityIds: Ids, targetActivityIds: Ids, updateEventTrigger: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** Camunda's MigrationPlanDto (request) */
export const MigrationPlanBody = Type.Object(
  {
    sourceProcessDefinitionId: Id,
    targetProcessDefinitionId: Id,
    instructions: Type.Array(MigrationInstruction, { maxItems: 1000 }),
    variables: Type.Optional(Nullable(Variables)),
  },
  { additionalProperties: false },
);
export type MigrationPlanBodyDto = Static<typeof MigrationPlanBody>;

const TypedValue = Type.Object({ value: Type.Unknown(), type: Type.String(), valueInfo: Type.Record(Type.String(), Type.Unknown()) });

/** Camunda's MigrationPlanDto (answer of /generate) */
export const MigrationPlanDto = Type.Object({
  sourceProcessDefinitionId: Type.String(),
  targetProcessDefinitionId: Type.String(),
  instructions: Type.Array(Type.Object({ sourceActivityIds: Type.Array(Type.String()), targetActivityIds: Type.Array(Type.String()), updateEventTrigger: Type.Boolean() })),
  variables: Nullable(Type.Record(Type.String(), TypedValue)),
});

/** Camunda's MigrationPlanGenerationDto */
export const GenerateBody = Type.Object(
  {
    sourceProcessDefinitionId: Id,
    targetProcessDefinitionId: Id,
    updateEventTriggers: Type.Optional(Type.Boolean()),
    variables: Type.Optional(Nullable(Variables)),
  },
  { additionalProperties: false },
);
export type GenerateBodyDto = Static<typeof GenerateBody>;

/** Camunda's MigrationPlanReportDto: only instructions with failures are listed */
export const MigrationPlanReportDto = Type.Object({
  instructionReports: Type.Array(
    Type.Object({
      instruction: Type.Object({ sourceActivityIds: Type.Array(Type.String()), targetActivityIds: Type.Array(Type.String()), updateEventTrigger: Type.Boolean() }),
      failures: Type.Array(Type.String()),
    }),
  ),
  variableReports: Type.Record(Type.String(), Type.Unknown()),
});

/** Camunda's MigrationExecutionDto */
export const ExecuteBody = Type.Object(
  {
    migrationPlan: MigrationPlanBody,
    processInstanceIds: Type.Optional(Nullable(Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { maxItems: 1000 }))),
    processInstanceQuery: Type.Optional(Nullable(InstanceQueryBody)),
    skipCustomListeners: Type.Optional(Type.Boolean()),
    skipIoMappings: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ExecuteBodyDto = Static<typeof ExecuteBody>;
