/** Camunda's user and group queries as SQL (the identity service runs them) */

export interface UserQuery {
  id?: string;
  ids?: string[];
  firstName?: string;
  firstNameLike?: string;
  lastName?: string;
  lastNameLike?: string;
  email?: string;
  emailLike?: string;
  memberOfGroup?: string;
  sortBy?: 'userId' | 'firstName' | 'lastName' | 'email';
  sortOrder?: 'asc' | 'desc';
  first?: number;
  max?: number;
}

export interface GroupQuery {
  id?: string;
  ids?: string[];
  name?: string;
  nameLike?: string;
  type?: string;
  /** groups the user is a member of */
  member?: string;
  sortBy?: 'id' | 'name' | 'type';
  sortOrder?: 'asc' | 'desc';
  first?: number;
  max?: number;
}

export interface Sql {
  where: string;
  params: unknown[];
  order: string;
  page: string;
}

class Clauses {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];
  add(sql: string, value: unknown): this {
    if (value === undefined || value === null) return this;
    this.params.push(value);
    this.parts.push(sql.replace('?', `$${this.params.length}`));
    return this;
  }
  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

function page(first?: number, max?: number): string {
  const limit = Math.min(Math.max(Math.trunc(max ?? 10_000), 0), 10_000);
  return `LIMIT ${limit} OFFSET ${Math.max(Math.trunc(first ?? 0), 0)}`;
}

const USER_SORT = { userId: 'u.id', firstName: 'u.first_name', lastName: 'u.last_name', email: 'u.email' } as const;
const GROUP_SORT = { id: 'g.id', name: 'g.name', type: 'g.type' } as const;

export function userSql(q: UserQuery): Sql {
  const c = new Clauses()
    .add('u.id = ?', q.id)
    .add('u.id = ANY(?::text[])', q.ids)
    .add('u.first_name = ?', q.firstName)
    .add('u.first_name LIKE ?', q.firstNameLike)
    .add('u.last_name = ?', q.lastName)
    .add('u.last_name LIKE ?', q.lastNameLike)
    .add('u.email = ?', q.email)
    .add('u.email LIKE ?', q.emailLike)
    .add('EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.group_id = ?)', q.memberOfGroup);
  const sort = q.sortBy ? `${USER_SORT[q.sortBy]} ${q.sortOrder === 'desc' ? 'DESC' : 'ASC'}, ` : '';
  return { where: c.toString(), params: c.params, order: `ORDER BY ${sort}u.id`, page: page(q.first, q.max) };
}

export function groupSql(q: GroupQuery): Sql {
  const c = new Clauses()
    .add('g.id = ?', q.id)
    .add('g.id = ANY(?::text[])', q.ids)
    .add('g.name = ?', q.name)
    .add('g.name LIKE ?', q.nameLike)
    .add('g.type = ?', q.type)
    .add('EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = g.id AND m.user_id = ?)', q.member);
  const sort = q.sortBy ? `${GROUP_SORT[q.sortBy]} ${q.sortOrder === 'desc' ? 'DESC' : 'ASC'}, ` : '';
  return { where: c.toString(), params: c.params, order: `ORDER BY ${sort}g.id`, page: page(q.first, q.max) };
}
