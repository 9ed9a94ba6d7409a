import { Type, type EntityRecordData } from '@liuzhuan/plugin-sdk';

/** the entity type's name, as the store spells it (`customer`, `purchase-order`) */
export const EntityTypeName = Type.String({ pattern: '^[a-z][a-z0-9-]{0,62}$', description: 'the entity type (x-entity), e.g. customer' });

export const RecordId = Type.String({ minLength: 1, maxLength: 200, description: 'the record id' });

export const RecordData = Type.Record(Type.String(), Type.Unknown(), { description: 'the fields of the record' });

/**
 * A stored record as the tasks hand it to the process: `${record.data.stage}`,
 * `${record.version}` (the version `entity.update` can check against).
 */
export const RecordOutput = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    version: Type.Integer({ minimum: 1 }),
    data: RecordData,
    createdAt: Type.String(),
    createdBy: Type.String(),
    updatedAt: Type.String(),
    updatedBy: Type.String(),
  },
  { additionalProperties: false },
);

/** exactly the output fields, whatever else the host's record carries */
export function toOutput(r: EntityRecordData): EntityRecordData {
  return { id: r.id, type: r.type, version: r.version, data: r.data, createdAt: r.createdAt, createdBy: r.createdBy, updatedAt: r.updatedAt, updatedBy: r.updatedBy };
}
