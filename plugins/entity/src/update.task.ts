import { defineTask, Type } from '@liuzhuan/plugin-sdk';
import { EntityTypeName, RecordData, RecordId, RecordOutput, toOutput } from './record.schema.ts';
import { withEntities } from './store-call.ts';

/** entity.update: a merge patch of top-level fields (null removes a field). */
export const update = defineTask({
  topic: 'entity.update',
  version: 1,
  label: 'Update a record',
  description:
    'Changes fields of a record (a merge patch: null removes a field). With version, a record changed since throws entity-conflict; a missing record entity-not-found; data the type rejects entity-invalid.',
  input: Type.Object(
    {
      type: EntityTypeName,
      id: RecordId,
      patch: RecordData,
      version: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'the version the change is based on (optimistic check)' })),
    },
    { additionalProperties: false },
  ),
  output: Type.Object({ record: RecordOutput }, { additionalProperties: false }),
  run: async ({ type, id, patch, version }, ctx) => {
    const record = await withEntities(ctx, (entities) => entities.update(type, id, patch, version ?? null));
    return { record: toOutput(record) };
  },
});
