import { Type, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
const Str = Type.String({ maxLength: 255 });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const List = Type.String({ maxLength: 20_000, description: 'comma-separated' });
const paging = { firstResult: Opt(Type.Integer({ minimum: 0 })), maxResults: Opt(Type.Integer({ minimum: 0 })) };
const order = { sortOrder: Opt(Type.Enum(['asc', 'desc'])) };

export const UserParams = Type.Object({ id: Id }, { additionalProperties: false });
export const GroupParams = Type.Object({ id: Id }, { additionalProperties: false });
export const MemberParams = Type.Object({ id: Id, userId: Id }, { additionalProperties: false });

/** Camunda's UserProfileDto (never a password) */
export const UserProfileDto = Type.Object({ id: Type.String(), firstName: Nullable(Type.String()), lastName: Nullable(Type.String()), email: Nullable(Type.String()) });
export const UserProfileBody = Type.Object(
  { id: Opt(Nullable(Id)), firstName: Opt(Nullable(Str)), lastName: Opt(Nullable(Str)), email: Opt(Nullable(Str)) },
  { additionalProperties: false },
);
export const CreateUserBody = Type.Object(
  {
    profile: Type.Object({ id: Id, firstName: Opt(Nullable(Str)), lastName: Opt(Nullable(Str)), email: Opt(Nullable(Str)) }, { additionalProperties: false }),
    credentials: Type.Object({ password: Type.String({ minLength: 1, maxLength: 1024 }) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export const CredentialsBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 1024 }), authenticatedUserPassword: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);

const userFilters = {
  id: Opt(Str),
  idIn: Opt(List),
  firstName: Opt(Str),
  firstNameLike: Opt(Str),
  lastName: Opt(Str),
  lastNameLike: Opt(Str),
  email: Opt(Str),
  emailLike: Opt(Str),
  memberOfGroup: Opt(Str),
  sortBy: Opt(Type.Enum(['userId', 'firstName', 'lastName', 'email'])),
  ...order,
};
export const UserQueryString = Type.Object({ ...userFilters, ...paging }, { additionalProperties: false });
export const UserCountQueryString = Type.Object(userFilters, { additionalProperties: false });

/** Camunda's GroupDto */
export const GroupDto = Type.Object({ id: Type.String(), name: Nullable(Type.String()), type: Nullable(Type.String()) });
export const GroupBody = Type.Object({ id: Opt(Nullable(Id)), name: Opt(Nullable(Str)), type: Opt(Nullable(Str)) }, { additionalProperties: false });
export const CreateGroupBody = Type.Object({ id: Id, name: Opt(Nullable(Str)), type: Opt(Nullable(Str)) }, { additionalProperties: false });

const groupFilters = {
  id: Opt(Str),
  idIn: Opt(List),
  name: Opt(Str),
  nameLike: Opt(Str),
  type: Opt(Str),
  member: Opt(Str),
  sortBy: Opt(Type.Enum(['id', 'name', 'type'])),
  ...order,
};
export const GroupQueryString = Type.Object({ ...groupFilters, ...paging }, { additionalProperties: false });
export const GroupCountQueryString = Type.Object(groupFilters, { additionalProperties: false });

/** GET /identity/groups: Camunda's GroupInfoDto */
export const GroupInfoDto = Type.Object({
  groups: Type.Array(Type.Object({ id: Type.String(), name: Nullable(Type.String()) })),
  groupUsers: Type.Array(Type.Object({ id: Type.String(), firstName: Nullable(Type.String()), lastName: Nullable(Type.String()), displayName: Type.String() })),
});
export const IdentityGroupsQuery = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

/** POST /identity/verify: Camunda's BasicUserCredentialsDto → AuthenticationResult */
export const VerifyBody = Type.Object({ username: Type.String({ maxLength: 64 }), password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false });
export const VerifyResult = Type.Object({ authenticatedUser: Nullable(Type.String()), authenticated: Type.Boolean() });
