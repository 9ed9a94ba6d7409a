import { Type } from 'typebox';
import { InboxTab } from '../../../api-types/workspace.ts';

export { ActBody, ActedDto, CatalogueDto, CcReadDto, InboxDto, TaskActionsDto, TimelineDto } from '../../../api-types/workspace.ts';

const Id = Type.String({ minLength: 1, maxLength: 255 });

export const InboxQuery = Type.Object(
  {
    tab: Type.Optional(InboxTab),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const CcParams = Type.Object({ id: Id }, { additionalProperties: false });
export const TaskParams = Type.Object({ taskId: Id }, { additionalProperties: false });
export const InstanceParams = Type.Object({ instanceId: Id }, { additionalProperties: false });
export const NoQuery = Type.Object({}, { additionalProperties: false });
