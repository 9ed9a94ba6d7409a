import { defineTask, Type } from '@liuzhuan/plugin-sdk';
import { EntityTypeName, RecordId, RecordOutput, toOutput } from './record.schema.ts';
import { withEntities } from './store-call.ts';

/** entity.get: reads one record (a deleted or missing one throws entity-not-found). */
export const get = defineTask({
  topic: 'entity.get',
  version: 1,
  label: 'Read a record',
  description: 'Reads one record by id. A missing record throws the BPMN error entity-not-found.',
  input: Type.Object({ type: EntityTypeName, id: RecordId }, { additionalProperties: false }),
  output: Type.Object({ record: RecordOutput }, { additionalProperties: false }),
  run: async ({ type, id }, ctx) => {
    const record = await withEntities(ctx, (entities) => entities.get(type, id));
    return { record: toOutput(record) };
  },
});
