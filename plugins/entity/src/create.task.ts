import { defineTask, Type } from '@liuzhuan/plugin-sdk';
import { EntityTypeName, RecordData, RecordOutput, toOutput } from './record.schema.ts';
import { withEntities } from './store-call.ts';

/** entity.create: stores a new record of a type; its id is the output `recordId`. */
export const create = defineTask({
  topic: 'entity.create',
  version: 1,
  label: 'Create a record',
  description: 'Creates a record of an entity type. Data the type rejects throws the BPMN error entity-invalid.',
  input: Type.Object({ type: EntityTypeName, data: RecordData }, { additionalProperties: false }),
  output: Type.Object({ recordId: Type.String(), record: RecordOutput }, { additionalProperties: false }),
  run: async ({ type, data }, ctx) => {
    const record = await withEntities(ctx, (entities) => entities.create(type, data));
    return { recordId: record.id, record: toOutput(record) };
  },
});
