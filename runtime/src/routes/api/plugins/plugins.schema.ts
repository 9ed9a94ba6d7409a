import { Type } from 'typebox';

/** a JSON schema, as the task declares it */
const JsonSchema = Type.Unknown({ description: 'JSON schema' });

export const PluginTopic = Type.Object(
  {
    topic: Type.String({ description: "what a model names in camunda:topic / zeebe:taskDefinition type, e.g. 'mail.send'" }),
    version: Type.Integer(),
    label: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    retries: Type.Integer({ description: 'attempts before an incident' }),
    input: JsonSchema,
    output: JsonSchema,
  },
  { additionalProperties: false },
);

export const PluginInfo = Type.Object(
  {
    name: Type.String(),
    version: Type.String(),
    packageName: Type.String(),
    dependsOn: Type.Array(Type.String()),
    topics: Type.Array(PluginTopic),
  },
  { additionalProperties: false },
);

export const PluginList = Type.Array(PluginInfo);
