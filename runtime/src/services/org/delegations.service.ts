import { randomUUID } from 'node:crypto';
import { LzError, type Db } from '@liuzhuan/engine';
import { forbidden } from '../../infra/errors.ts';
import type { Principal } from '../identity/identity.service.ts';
import type { OrgDirectory } from './org-directory.ts';
import { toDelegation } from './org-snapshot.repo.ts';
import { invalid } from './org-write.ts';
import type { Delegation } from './org.types.ts';

export interface DelegationInput {
  /** whose out-of-office it is; the caller when absent */
  userId?: string;
  delegateId: string;
  /** a date (YYYY-MM-DD, the whole day from 00:00 UTC) or a date-time */
  from: string;
  /** a date (the whole day, up to 24:00 UTC) or a date-time (exclusive) */
  to: string;
  reason?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 24 * 3600_000;

/** a date means the whole day: `from` its start, `to` its end (the next midnight), so "12-01 to 12-10" covers the 10th */
function instant(v: string, end: boolean, path: string): Date {
  let d: Date;
  if (DATE.test(v)) d = new Date(`${v}T00:00:00Z`);
  else if (DATE_TIME.test(v)) d = new Date(v);
  else throw invalid(`'${v.slice(0, 40)}' is not a date (YYYY-MM-DD) or a date-time with a zone`, path);
  if (Number.isNaN(d.getTime()) || (DATE.test(v) && d.toISOString().slice(0, 10) !== v)) throw invalid(`'${v}' is not a real date`, path);
  return DATE.test(v) && end ? new Date(d.getTime() + DAY_MS) : d;
}

/**
 * Out-of-office delegations: while one is on, new tasks for the user go to the delegate
 * (org-model.ts `redirect`, called by the engine when a task is created). A user sets their
 * own; admins set anyone's. One user's windows do not overlap, so "who gets it" has one answer.
 */
export class DelegationsService {
  constructor(
    private readonly db: Db,
    private readonly directory: OrgDirectory,
  ) {}

  /** an admin sees all (or one user's); others see the ones they are in, as the absent user or as the delegate */
  async list(caller: Principal, userId?: string): Promise<Delegation[]> {
    const who = caller.isAdmin ? (userId ?? null) : caller.id;
    if (!caller.isAdmin && userId && userId !== caller.id) throw forbidden(`only admins see the delegations of other users`);
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT id, user_id, delegate_id, starts_at, ends_at, reason, created_by, created_at FROM org_delegations
       WHERE $1::text IS NULL OR user_id = $1 OR ($2::boolean AND delegate_id = $1)
       ORDER BY starts_at, id`,
      [who, !caller.isAdmin],
    );
    return rows.map(toDelegation);
  }

  async create(caller: Principal, input: DelegationInput): Promise<Delegation> {
    const userId = input.userId ?? caller.id;
    if (userId !== caller.id && !caller.isAdmin) throw forbidden('a user sets only their own out-of-office; admins set anyone’s');
    const startsAt = instant(input.from, false, 'from');
    const endsAt = instant(input.to, true, 'to');
    if (startsAt.getTime() >= endsAt.getTime()) throw invalid('from must be before to', 'to');
    if (input.delegateId === userId) throw invalid('a user cannot delegate to themselves', 'delegateId');
    const d: Delegation = { id: `d-${randomUUID()}`, userId, delegateId: input.delegateId, startsAt, endsAt, reason: input.reason ?? null, createdBy: caller.id, createdAt: new Date() };
    await this.db.transaction(async (q) => {
      // per user, so two requests cannot both pass the overlap check
      await q(`SELECT pg_advisory_xact_lock(hashtext('liuzhuan-org-delegation:' || $1))`, [userId]);
      const users = await q<{ id: string }>(`SELECT id FROM users WHERE id = ANY($1::text[])`, [[userId, input.delegateId]]);
      if (!users.some((u) => u.id === userId)) throw new LzError('LZ_ERR_ORG_NOT_FOUND', `there is no user '${userId}'`);
      if (!users.some((u) => u.id === input.delegateId)) throw invalid(`there is no user '${input.delegateId}'`, 'delegateId');
      const [overlap] = await q<{ id: string }>(`SELECT id FROM org_delegations WHERE user_id = $1 AND starts_at < $3 AND ends_at > $2 LIMIT 1`, [userId, startsAt, endsAt]);
      if (overlap) throw invalid(`${userId} already has an out-of-office in that time (delegation ${overlap.id}); delete it or pick other dates`, 'from');
      await q(
        `INSERT INTO org_delegations (id, user_id, delegate_id, starts_at, ends_at, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [d.id, d.userId, d.delegateId, d.startsAt, d.endsAt, d.reason, d.createdBy, d.createdAt],
      );
    });
    await this.directory.changed();
    return d;
  }

  /** the user it belongs to or an admin; tasks already handed over stay with the delegate */
  async delete(caller: Principal, id: string): Promise<void> {
    const [row] = await this.db.query<{ user_id: string }>(`SELECT user_id FROM org_delegations WHERE id = $1`, [id]);
    if (!row) throw new LzError('LZ_ERR_ORG_NOT_FOUND', `there is no delegation '${id}'`);
    if (row.user_id !== caller.id && !caller.isAdmin) throw forbidden('only the absent user or an admin deletes a delegation');
    await this.db.query(`DELETE FROM org_delegations WHERE id = $1`, [id]);
    await this.directory.changed();
  }
}
