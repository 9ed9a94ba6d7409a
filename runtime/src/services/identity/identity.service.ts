import { createHash, randomBytes } from 'node:crypto';
import { LzError, runMigrations, type Db } from '@liuzhuan/engine';
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

  constructor(private readonly db: Db) {}

  async migrate(): Promise<void> {
    await runMigrations(this.db, [m0001], 'lz_runtime_migrations');
  }

  /** the bootstrap admin: created once; its password is ADMIN_PASSWORD, or generated and returned */
  async bootstrap(adminPassword: string | null): Promise<{ created: boolean; password: string | null }> {
    const [existing] = await this.db.query<{ id: string }>(`SELECT id FROM users WHERE id = 'admin'`);
    if (existing) {
      if (adminPassword) await this.setPassword('admin', adminPassword);
      return { created: false, password: null };
    }
    const password = adminPassword ?? generatePassword();
    await this.createUser({ id: 'admin', firstName: 'Admin', lastName: null, email: null }, password);
    await this.createGroup('camunda-admin', 'Administrators', 'SYSTEM').catch(() => undefined);
    await this.addMember('admin', 'camunda-admin');
    await this.setRoles('admin', ['admin']);
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
  }

  async createGroup(id: string, name: string | null, type: string | null): Promise<void> {
    checkId('group', id);
    await this.db.query(`INSERT INTO groups (id, name, type) VALUES ($1, $2, $3)`, [id, name, type]);
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
  }

  async removeMember(userId: string, groupId: string): Promise<void> {
    await this.db.query(`DELETE FROM memberships WHERE user_id = $1 AND group_id = $2`, [userId, groupId]);
    this.verified.clear();
  }

  async setRoles(userId: string, roles: Role[]): Promise<void> {
    for (const r of roles) if (!ROLES.includes(r)) throw new LzError('LZ_ERR_BAD_REQUEST', `unknown role '${r}'`);
    await this.db.query(`DELETE FROM user_roles WHERE user_id = $1`, [userId]);
    for (const r of roles) await this.db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [userId, r]);
    this.verified.clear();
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
