import { Type, type Static } from 'typebox';

/** a record as the API answers it (the EntityRecord shape of services/entities/types.ts) */
export const EntityRecordDto = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    type: Type.String(),
    version: Type.Integer({ description: 'the ETag / If-Match value' }),
    typeVersion: Type.Integer(),
    data: Type.Unknown({ description: 'the fields, as the entity type declares them' }),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.String(),
    deletedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);

export const EntityTypeDto = Type.Object(
  {
    name: Type.String(),
    version: Type.Integer(),
    schema: Type.Unknown({ description: 'the JSON Schema (draft 2020-12) with x- keywords' }),
    deploymentId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const TypeParams = Type.Object({ type: Type.String({ maxLength: 63 }) }, { additionalProperties: false });
export const RecordParams = Type.Object({ type: Type.String({ maxLength: 63 }), id: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
export const TypeNameParams = Type.Object({ name: Type.String({ maxLength: 63 }) }, { additionalProperties: false });
export const TypeVersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
export const GetQuery = Type.Object({ deleted: Type.Optional(Type.Boolean({ description: 'admins: also a deleted record' })) }, { additionalProperties: false });

export const RecordBody = Type.Record(Type.String(), Type.Unknown(), { description: 'the record fields' });

const FilterDto = Type.Object(
  {
    field: Type.String({ maxLength: 100 }),
    op: Type.Union(['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'exists', 'search'].map((o) => Type.Literal(o))),
    value: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

export const ListQuery = Type.Object(
  {
    filter: Type.Optional(Type.String({ maxLength: 20000, description: 'a JSON array of {field, op, value}' })),
    sort: Type.Optional(Type.String({ maxLength: 500, description: 'comma list of fields; -field sorts descending' })),
    cursor: Type.Optional(Type.String({ maxLength: 4000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    count: Type.Optional(Type.Boolean()),
    deleted: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ListQueryDto = Static<typeof ListQuery>;

export const QueryBody = Type.Object(
  {
    filters: Type.Optional(Type.Array(FilterDto, { maxItems: 50 })),
    sort: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 5 })),
    cursor: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    count: Type.Optional(Type.Boolean()),
    deleted: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type QueryBodyDto = Static<typeof QueryBody>;

export const AggregateBody = Type.Object(
  {
    filters: Type.Optional(Type.Array(FilterDto, { maxItems: 50 })),
    groupBy: Type.String({ maxLength: 100 }),
    sum: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type AggregateBodyDto = Static<typeof AggregateBody>;

export const EntityPageDto = Type.Object(
  { items: Type.Array(EntityRecordDto), nextCursor: Type.Union([Type.String(), Type.Null()]), total: Type.Optional(Type.Integer()) },
  { additionalProperties: false },
);

export const AggregateDto = Type.Array(
  Type.Object({ key: Type.Unknown(), count: Type.Integer(), sums: Type.Record(Type.String(), Type.Number()) }, { additionalProperties: false }),
);

export const HistoryDto = Type.Array(
  Type.Object(
    {
      recordId: Type.String(),
      version: Type.Integer(),
      action: Type.String(),
      actor: Type.String(),
      at: Type.String({ format: 'date-time' }),
      changes: Type.Array(Type.Object({ field: Type.String(), old: Type.Unknown(), new: Type.Unknown() }, { additionalProperties: false })),
    },
    { additionalProperties: false },
  ),
);
