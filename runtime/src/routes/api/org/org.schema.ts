import { Type, type TSchema } from 'typebox';
import { orNull } from '../../engine-rest/common/nullable.ts';

/** responses only (see orNull for request fields) */
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const DepartmentNode = Type.Cyclic(
  {
    OrgDepartmentNode: Type.Object(
      {
        id: Type.String(),
        name: Type.String(),
        parentId: Nullable(Type.String()),
        headUserId: Nullable(Type.String({ description: 'the head; null when the department has none' })),
        memberCount: Type.Integer({ description: 'users in this department, not counting the departments below' }),
        children: Type.Array(Type.Ref('OrgDepartmentNode')),
      },
      { additionalProperties: false },
    ),
  },
  'OrgDepartmentNode',
);

export const DepartmentTree = Type.Array(DepartmentNode);

export const DepartmentParams = Type.Object({ id: Id }, { additionalProperties: false });

export const CreateDepartmentBody = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, description: "what expressions name: deptHead('sales')" }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    parentId: Type.Optional(orNull(Id)),
    headUserId: Type.Optional(orNull(Id)),
  },
  { additionalProperties: false },
);

export const PatchDepartmentBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    parentId: Type.Optional(orNull(Id)),
    headUserId: Type.Optional(orNull(Id)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const UserParams = Type.Object({ id: Id }, { additionalProperties: false });

export const OrgUser = Type.Object(
  {
    userId: Type.String(),
    firstName: Nullable(Type.String()),
    lastName: Nullable(Type.String()),
    email: Nullable(Type.String()),
    department: Nullable(Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false })),
    managerId: Nullable(Type.String({ description: 'the manager set on the profile' })),
    resolvedManagerId: Nullable(Type.String({ description: 'manager(user): the explicit manager, else the head of the department (or of the nearest one above when the user heads it)' })),
    title: Nullable(Type.String()),
    roles: Type.Array(Type.String(), { description: 'business roles: identity groups of type ROLE' }),
    systemRoles: Type.Array(Type.String(), { description: 'admin / analyst / employee' }),
    groups: Type.Array(Type.String(), { description: 'the other identity groups' }),
    headOf: Type.Array(Type.String(), { description: 'departments the user heads' }),
  },
  { additionalProperties: false },
);

export const PutProfileBody = Type.Object(
  {
    departmentId: orNull(Type.String({ minLength: 1, maxLength: 64 })),
    managerId: orNull(Id),
    title: orNull(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ManagersQuery = Type.Object({ levels: Type.Integer({ minimum: 1, maximum: 20, default: 3 }) }, { additionalProperties: false });

export const ManagerChain = Type.Array(
  Type.Object(
    {
      level: Type.Integer({ description: '1 = the direct manager' }),
      userId: Type.String(),
      firstName: Nullable(Type.String()),
      lastName: Nullable(Type.String()),
    },
    { additionalProperties: false },
  ),
);

export const Delegation = Type.Object(
  {
    id: Type.String(),
    userId: Type.String({ description: 'who is out of office' }),
    delegateId: Type.String({ description: 'who gets their new tasks meanwhile' }),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time', description: 'exclusive' }),
    reason: Nullable(Type.String()),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const DelegationList = Type.Array(Delegation);

export const DelegationsQuery = Type.Object({ userId: Type.Optional(Id) }, { additionalProperties: false });

export const CreateDelegationBody = Type.Object(
  {
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'whose out-of-office; the caller when absent (admins may name anyone)' })),
    delegateId: Id,
    from: Type.String({ minLength: 10, maxLength: 40, description: 'YYYY-MM-DD (from 00:00 UTC) or a date-time with a zone' }),
    to: Type.String({ minLength: 10, maxLength: 40, description: 'YYYY-MM-DD (the whole day, up to 24:00 UTC) or a date-time with a zone (exclusive)' }),
    reason: Type.Optional(orNull(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const DelegationParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 80 }) }, { additionalProperties: false });

export const ImportReport = Type.Object(
  {
    created: Type.Integer({ description: 'users created (they have no password: they cannot log in until an admin sets one)' }),
    updated: Type.Integer({ description: 'users updated' }),
    departmentsCreated: Type.Integer(),
    groupsCreated: Type.Integer(),
    refused: Type.Array(Type.Object({ row: Type.Integer({ description: 'the header is row 1' }), message: Type.String() }, { additionalProperties: false })),
    message: Type.String(),
  },
  { additionalProperties: false },
);
