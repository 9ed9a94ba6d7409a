import { defineTask, Type } from '@liuzhuan/plugin-sdk';
import { EntityTypeName, RecordOutput, toOutput } from './record.schema.ts';
import { withEntities } from './store-call.ts';

const Filter = Type.Object(
  {
    field: Type.String({ minLength: 1 }),
    op: Type.Enum(['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'exists', 'search']),
    value: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

/** entity.query: the first `limit` matching records and how many match in all. */
export const query = defineTask({
  topic: 'entity.query',
  version: 1,
  label: 'Find records',
  description: 'Finds records of a type by filters ({field, op, value}), sorted (`-field` descending). count is every match, records at most limit of them.',
  input: Type.Object(
    {
      type: EntityTypeName,
      filters: Type.Optional(Type.Array(Filter, { maxItems: 50 })),
      sort: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 10 })),
      // process variables hold the result: keep it a page, not a table
      limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
    },
    { additionalProperties: false },
  ),
  output: Type.Object({ records: Type.Array(RecordOutput), count: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
  run: async ({ type, filters, sort, limit }, ctx) => {
    const page = await withEntities(ctx, (entities) => entities.query(type, { ...(filters ? { filters } : {}), ...(sort ? { sort } : {}), limit }));
    return { records: page.records.map(toOutput), count: page.total };
  },
});
