import { Type } from '@liuzhuan/plugin-sdk';

const Method = Type.Enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'], { default: 'GET' });

export const RequestInput = Type.Object(
  {
    url: Type.String({ pattern: '^https?://', description: 'http:// or https:// address' }),
    method: Method,
    headers: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'request headers' })),
    query: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), { description: 'added to the query string' })),
    body: Type.Optional(Type.Unknown({ description: 'a string is sent as text, anything else as JSON' })),
    timeoutMs: Type.Integer({ minimum: 1, maximum: 300_000, default: 10_000, description: 'for the whole exchange, per attempt' }),
    retries: Type.Integer({ minimum: 0, maximum: 10, default: 0, description: 'extra attempts after a 5xx answer or a network error' }),
    retryDelayMs: Type.Integer({ minimum: 0, maximum: 60_000, default: 500, description: 'wait before the first extra attempt, doubled for each further one' }),
    expectedStatus: Type.Optional(Type.Array(Type.Integer({ minimum: 100, maximum: 599 }), { minItems: 1, description: 'statuses that count as success (default: any 2xx)' })),
    errorOnStatus: Type.Boolean({ default: false, description: 'another status throws the BPMN error HTTP_<status> instead of failing' }),
    maxResponseBytes: Type.Integer({ minimum: 0, maximum: 4 * 1024 * 1024, default: 1024 * 1024 }),
  },
  { additionalProperties: false },
);

export const RequestOutput = Type.Object(
  {
    status: Type.Integer(),
    headers: Type.Record(Type.String(), Type.String()),
    /** parsed JSON when the content type says JSON, else the text; null when empty */
    body: Type.Unknown(),
  },
  { additionalProperties: false },
);
