import { Type, type Static, type TSchema } from 'typebox';
import { ExecutionDto } from '../execution/execution.schema.ts';
import { ProcessInstanceDto, VariablesOut } from '../process-definition/process-definition.schema.ts';
import { Variables } from '../variables.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String({ maxLength: 255 });

/** Camunda's CorrelationMessageDto */
export const CorrelationMessageBody = Type.Object(
  {
    messageName: Type.Optional(Nullable(Str)),
    businessKey: Type.Optional(Nullable(Str)),
    tenantId: Type.Optional(Nullable(Str)),
    withoutTenantId: Type.Optional(Type.Boolean()),
    processInstanceId: Type.Optional(Nullable(Str)),
    correlationKeys: Type.Optional(Nullable(Variables)),
    localCorrelationKeys: Type.Optional(Nullable(Variables)),
    processVariables: Type.Optional(Nullable(Variables)),
    processVariablesLocal: Type.Optional(Nullable(Variables)),
    processVariablesToTriggeredScope: Type.Optional(Nullable(Variables)),
    all: Type.Optional(Type.Boolean()),
    resultEnabled: Type.Optional(Type.Boolean()),
    variablesInResultEnabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CorrelationMessageDto = Static<typeof CorrelationMessageBody>;

/** Camunda's MessageCorrelationResultWithVariableDto */
export const CorrelationResultDto = Type.Object({
  resultType: Type.Enum(['Execution', 'ProcessDefinition']),
  execution: Nullable(ExecutionDto),
  processInstance: Nullable(ProcessInstanceDto),
  variables: Type.Optional(VariablesOut),
});
