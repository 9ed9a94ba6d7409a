import { createHash, randomBytes } from 'node:crypto';
import { LzError, runMigrations, type Db } from '@liuzhuan/engine';
import { groupSql, userSql, type GroupQuery, type UserQuery } from './identity-query.ts';
import * as m0001 from './migrations/0001_identity.ts';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';

export type Role = 'admin' | 'analyst' | 'employee';
export const ROLES: readonly Role[] = ['admin', 'analyst', 'employee'];

/** who is calling */
export interface Principal {
  id: string;
  groups: string[];
  roles: Role[];
  isAdmin: boolean;
}

export interface UserInfo {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}

export interface GroupInfo {
  id: string;
  name: string | null;
  type: string | null;
}

export type { GroupQuery, UserQuery } from './identity-query.ts';

const toUser = (r: Record<string, string | null>): UserInfo => ({ id: r.id!, firstName: r.first_name ?? null, lastName: r.last_name ?? null, email: r.email ?? null });

const ID = /^[A-Za-z0-9._@-]{1,64}$/;

function checkId(kind: string, id: unknown): asserts id is string {
  if (typeof id !== 'string' || !ID.test(id)) throw new LzError('LZ_ERR_BAD_REQUEST', `${kind} id must be 1–64 letters, digits or . _ @ -`);
}

/**
 * Users, groups, memberships and roles, in the database. Passwords are scrypt hashes; a
 * successful password check is remembered for a minute (by a hash of the password, never the
 * password itself), so HTTP Basic on every request does not run scrypt every time.
 */
export class IdentityService {
  private readonly verified = new Map<string, { until: number; principal: Principal }>();
  /** told after a user, group, membership or role change (the org directory reloads on it) */
  onChange: (() => Promise<void>) | null = null;

  constructor(private readonly db: Db) {}

  private async changed(): Promise<void> {
    await this.onChange?.();
  }

  async migrate(): Promise<void> {
    await runMigrations(this.db, [m0001], 'lz_runtime_migrations');
  }

  /**
   * The bootstrap admin: created once; its password is ADMIN_PASSWORD, or generated and
   * returned. Several processes starting at once on an empty database serialise on an advisory
   * lock inside one transaction, so exactly one creates the admin and prints its password.
   */
  async bootstrap(adminPassword: string | null): Promise<{ created: boolean; password: string | null }> {
    const password = adminPassword ?? generatePassword();
    const hash = await hashPassword(password);
    const created = await this.db.transaction(async (q) => {
      await q(`SELECT pg_advisory_xact_lock(hashtext('liuzhuan-bootstrap-admin'))`);
      const [existing] = await q<{ id: string }>(`SELECT id FROM users WHERE id = 'admin'`);
      if (existing) return false;
      await q(`INSERT INTO users (id, first_name, password_hash, created_at) VALUES ('admin', 'Admin', $1, now())`, [hash]);
      await q(`INSERT INTO groups (id, name, type) VALUES ('camunda-admin', 'Administrators', 'SYSTEM') ON CONFLICT DO NOTHING`);
      await q(`INSERT INTO memberships (user_id, group_id) VALUES ('admin', 'camunda-admin') ON CONFLICT DO NOTHING`);
      await q(`INSERT INTO user_roles (user_id, role) VALUES ('admin', 'admin') ON CONFLICT DO NOTHING`);
      return true;
    });
    if (!created) {
      if (adminPassword) await this.setPassword('admin', adminPassword);
      return { created: false, password: null };
    }
    return { created: true, password: adminPassword ? null : password };
  }

  /** the key tokens are signed with: made once, shared by every runtime process on the database */
  async signingKey(): Promise<string> {
    const fresh = randomBytes(48).toString('base64');
    await this.db.query(`INSERT INTO runtime_settings (key, value) VALUES ('jwt-secret', $1) ON CONFLICT (key) DO NOTHING`, [fresh]);
    const [row] = await this.db.query<{ value: string }>(`SELECT value FROM runtime_settings WHERE key = 'jwt-secret'`);
    return row!.value;
  }

  async createUser(u: UserInfo, password: string): Promise<void> {
    checkId('user', u.id);
    if (typeof password !== 'string' || password.length < 8) throw new LzError('LZ_ERR_BAD_REQUEST', 'a password has at least 8 characters');
    const hash = await hashPassword(password);
    try {
      await this.db.query(`INSERT INTO users (id, first_name, last_name, email, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, now())`, [
        u.id,
        u.firstName,
        u.lastName,
        u.email,
        hash,
      ]);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new LzError('LZ_ERR_BAD_REQUEST', `user '${u.id}' exists`);
      throw e;
    }
    await this.changed();
  }

  async setPassword(userId: string, password: string): Promise<void> {
    if (typeof password !== 'string' || password.length < 8) throw new LzError('LZ_ERR_BAD_REQUEST', 'a password has at least 8 characters');
    await this.db.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [userId, await hashPassword(password)]);
    this.verified.clear();
  }

  async getUser(id: string): Promise<UserInfo | null> {
    const [r] = await this.db.query<Record<string, string | null>>(`SELECT id, first_name, last_name, email FROM users WHERE id = $1`, [id]);
    return r ? { id: r.id!, firstName: r.first_name ?? null, lastName: r.last_name ?? null, email: r.email ?? null } : null;
  }

  async listUsers(q: { id?: string; memberOfGroup?: string } = {}): Promise<UserInfo[]> {
    const rows = await this.db.query<Record<string, string | null>>(
      `SELECT u.id, u.first_name, u.last_name, u.email FROM users u
       WHERE ($1::text IS NULL OR u.id = $1) AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.group_id = $2))
       ORDER BY u.id`,
      [q.id ?? null, q.memberOfGroup ?? null],
    );
    return rows.map((r) => ({ id: r.id!, firstName: r.first_name ?? null, lastName: r.last_name ?? null, email: r.email ?? null }));
  }

  async deleteUser(id: string): Promise<void> {
    await this.db.query(`DELETE FROM memberships WHERE user_id = $1`, [id]);
    await this.db.query(`DELETE FROM user_roles WHERE user_id = $1`, [id]);
    await this.db.query(`DELETE FROM users WHERE id = $1`, [id]);
    this.verified.clear();
    await this.changed();
  }

  async createGroup(id: string, name: string | null, type: string | null): Promise<void> {
    checkId('group', id);
    try {
      await this.db.query(`INSERT INTO groups (id, name, type) VALUES ($1, $2, $3)`, [id, name, type]);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new LzError('LZ_ERR_BAD_REQUEST', `group '${id}' exists`);
      throw e;
    }
    await this.changed();
  }

  /** Camunda's user query: filters, sort, paging */
  async queryUsers(q: UserQuery = {}): Promise<UserInfo[]> {
    const sql = userSql(q);
    const rows = await this.db.query<Record<string, string | null>>(`SELECT u.id, u.first_name, u.last_name, u.email FROM users u ${sql.where} ${sql.order} ${sql.page}`, sql.params);
    return rows.map(toUser);
  }

  async countUsers(q: UserQuery = {}): Promise<number> {
    const sql = userSql(q);
    const [r] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users u ${sql.where}`, sql.params);
    return r?.n ?? 0;
  }

  /** changes a user's profile; false when there is no such user */
  async updateUser(id: string, profile: Omit<UserInfo, 'id'>): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(`UPDATE users SET first_name = $2, last_name = $3, email = $4 WHERE id = $1 RETURNING id`, [
      id,
      profile.firstName,
      profile.lastName,
      profile.email,
    ]);
    return rows.length > 0;
  }

  async getGroup(id: string): Promise<GroupInfo | null> {
    const [g] = await this.db.query<GroupInfo>(`SELECT id, name, type FROM groups WHERE id = $1`, [id]);
    return g ?? null;
  }

  /** Camunda's group query: filters, sort, paging */
  async queryGroups(q: GroupQuery = {}): Promise<GroupInfo[]> {
    const sql = groupSql(q);
    return this.db.query<GroupInfo>(`SELECT g.id, g.name, g.type FROM groups g ${sql.where} ${sql.order} ${sql.page}`, sql.params);
  }

  async countGroups(q: GroupQuery = {}): Promise<number> {
    const sql = groupSql(q);
    const [r] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM groups g ${sql.where}`, sql.params);
    return r?.n ?? 0;
  }

  /** false when there is no such group */
  async updateGroup(id: string, g: Omit<GroupInfo, 'id'>): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(`UPDATE groups SET name = $2, type = $3 WHERE id = $1 RETURNING id`, [id, g.name, g.type]);
    await this.changed();
    return rows.length > 0;
  }

  /** the group and its memberships go; false when there was no such group */
  async deleteGroup(id: string): Promise<boolean> {
    await this.db.query(`DELETE FROM memberships WHERE group_id = $1`, [id]);
    const rows = await this.db.query<{ id: string }>(`DELETE FROM groups WHERE id = $1 RETURNING id`, [id]);
    this.verified.clear();
    await this.changed();
    return rows.length > 0;
  }

  async listGroups(q: { member?: string } = {}): Promise<{ id: string; name: string | null; type: string | null }[]> {
    return this.db.query(
      `SELECT g.id, g.name, g.type FROM groups g WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = g.id AND m.user_id = $1)) ORDER BY g.id`,
      [q.member ?? null],
    );
  }

  async addMember(userId: string, groupId: string): Promise<void> {
    await this.db.query(`INSERT INTO memberships (user_id, group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [userId, groupId]);
    this.verified.clear();
    await this.changed();
  }

  async removeMember(userId: string, groupId: string): Promise<void> {
    await this.db.query(`DELETE FROM memberships WHERE user_id = $1 AND group_id = $2`, [userId, groupId]);
    this.verified.clear();
    await this.changed();
  }

  async setRoles(userId: string, roles: Role[]): Promise<void> {
    for (const r of roles) if (!ROLES.includes(r)) throw new LzError('LZ_ERR_BAD_REQUEST', `unknown role '${r}'`);
    await this.db.query(`DELETE FROM user_roles WHERE user_id = $1`, [userId]);
    for (const r of roles) await this.db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [userId, r]);
    this.verified.clear();
    await this.changed();
  }

  /** the principal of an existing, enabled user (for a verified token) */
  async principal(userId: string): Promise<Principal | null> {
    const [u] = await this.db.query<{ id: string; disabled: boolean }>(`SELECT id, disabled FROM users WHERE id = $1`, [userId]);
    if (!u || u.disabled) return null;
    const groups = (await this.db.query<{ group_id: string }>(`SELECT group_id FROM memberships WHERE user_id = $1 ORDER BY group_id`, [userId])).map((r) => r.group_id);
    const roles = (await this.db.query<{ role: Role }>(`SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role`, [userId])).map((r) => r.role);
    return { id: u.id, groups, roles, isAdmin: roles.includes('admin') || groups.includes('camunda-admin') };
  }

  /** user + password → principal, or null */
  async authenticate(userId: string, password: string): Promise<Principal | null> {
    const key = createHash('sha256').update(`${userId}\u0000${password}`).digest('base64');
    const hit = this.verified.get(key);
    if (hit && hit.until > Date.now()) return hit.principal;
    const [u] = await this.db.query<{ password_hash: string | null; disabled: boolean }>(`SELECT password_hash, disabled FROM users WHERE id = $1`, [userId]);
    if (!u || u.disabled || !(await verifyPassword(password, u.password_hash))) return null;
    const principal = await this.principal(userId);
    if (principal) {
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(key, { until: Date.now() + 60_000, principal });
    }
    return principal;
  }
}
