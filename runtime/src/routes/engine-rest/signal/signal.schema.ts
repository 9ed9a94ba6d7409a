import { Type, type Static, type TSchema } from 'typebox';
import { Variables } from '../variables.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String({ maxLength: 255 });

/** Camunda's SignalDto */
export const SignalBody = Type.Object(
  {
    name: Type.Optional(Nullable(Str)),
    executionId: Type.Optional(Nullable(Str)),
    variables: Type.Optional(Nullable(Variables)),
    tenantId: Type.Optional(Nullable(Str)),
    withoutTenantId: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SignalDto = Static<typeof SignalBody>;
