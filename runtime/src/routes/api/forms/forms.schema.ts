import { Type } from 'typebox';

/** a BCP 47 tag such as zh-CN or en; an unknown one shows the form's own labels */
const Locale = Type.String({ minLength: 2, maxLength: 35, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' });

export const LocaleQuery = Type.Object({ locale: Type.Optional(Locale) }, { additionalProperties: false });

export const StartParams = Type.Object({ processDefinitionKey: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });
export const TaskParams = Type.Object({ taskId: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });
export const EntityParams = Type.Object({ type: Type.String({ pattern: '^[a-z][a-z0-9-]{0,62}$' }) }, { additionalProperties: false });

/** the form's data: field keys at the top, groups with a path as objects, dynamic lists as arrays of rows */
const Values = Type.Record(Type.String(), Type.Unknown(), { description: 'the form data, keyed as the form-js components bind it' });

export const StartSubmitBody = Type.Object(
  {
    values: Values,
    businessKey: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const TaskSubmitBody = Type.Object({ values: Values }, { additionalProperties: false });

const Permission = Type.Union([Type.Literal('editable'), Type.Literal('readonly'), Type.Literal('hidden')]);

export const FormViewDto = Type.Object(
  {
    form: Type.Object({}, { additionalProperties: true, description: 'the form-js schema: hidden fields left out, read-only ones marked readonly, labels translated' }),
    values: Type.Object({}, { additionalProperties: true, description: 'the current values (defaults for a start form), hidden fields left out' }),
    permissions: Type.Record(Type.String(), Permission, { description: 'per field path (`amount`, `lines.qty`)' }),
  },
  { additionalProperties: false },
);

export const StartedDto = Type.Object({ processInstanceId: Type.String() }, { additionalProperties: false });
