/** The organisation's records, as the org services and the in-memory directory hold them. */

export interface Department {
  id: string;
  name: string;
  parentId: string | null;
  headUserId: string | null;
}

export interface Profile {
  userId: string;
  departmentId: string | null;
  /** the explicit manager; null → the department head rule applies */
  managerId: string | null;
  title: string | null;
}

export interface Delegation {
  id: string;
  userId: string;
  delegateId: string;
  /** out of office from (inclusive) … to (exclusive) */
  startsAt: Date;
  endsAt: Date;
  reason: string | null;
  createdBy: string;
  createdAt: Date;
}

/** everything the organisation rules read, loaded at once */
export interface OrgSnapshot {
  users: Set<string>;
  departments: Map<string, Department>;
  profiles: Map<string, Profile>;
  /** identity group → its members */
  groupMembers: Map<string, string[]>;
  /** identity group → its type (ROLE for business roles) */
  groupTypes: Map<string, string | null>;
  /** user → the identity groups they are in */
  userGroups: Map<string, string[]>;
  /** system role (admin / analyst / employee) → its holders */
  systemRoleHolders: Map<string, string[]>;
  /** user → their system roles */
  userSystemRoles: Map<string, string[]>;
  /** user → their delegations, earliest first */
  delegations: Map<string, Delegation[]>;
}

/** the identity group type of a business role */
export const ROLE_GROUP_TYPE = 'ROLE';
