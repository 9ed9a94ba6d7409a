import { randomUUID } from 'node:crypto';
import type { Db } from '@liuzhuan/engine';
import { date, dateOrNull, type Delivery, type DeliveryState, type MailPayload, type Query, type WebhookPayload } from './types.ts';

interface Stored {
  id: string;
  notification_id: string | null;
  webhook_id: string | null;
  channel: 'mail' | 'webhook';
  target: string;
  payload: unknown;
  state: DeliveryState;
  attempts: number;
  next_at: Date | string;
  last_error: string | null;
  created: Date | string;
  sent_at: Date | string | null;
}

const toDelivery = (r: Stored): Delivery =>
  ({
    id: r.id,
    notificationId: r.notification_id,
    webhookId: r.webhook_id,
    channel: r.channel,
    target: r.target,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    state: r.state,
    attempts: r.attempts,
    nextAt: date(r.next_at),
    lastError: r.last_error,
    created: date(r.created),
    sentAt: dateOrNull(r.sent_at),
  }) as Delivery;

const COLUMNS = 'id, notification_id, webhook_id, channel, target, payload, state, attempts, next_at, last_error, created, sent_at';

/** what notify() enqueues */
export type NewDelivery =
  | { channel: 'mail'; notificationId: string; target: string; payload: MailPayload }
  | { channel: 'webhook'; webhookId: string; target: string; payload: WebhookPayload };

/** the longest last_error kept */
const ERROR_MAX = 2000;

/**
 * The notification_deliveries outbox. Rows are written in notify's transaction; the worker
 * claims due rows (FOR UPDATE SKIP LOCKED) by setting them `sending` with a lease in next_at,
 * so a row whose sender crashed comes due again when the lease runs out.
 */
export class DeliveriesRepo {
  constructor(private readonly db: Db) {}

  async enqueue(q: Query, rows: readonly NewDelivery[], now: Date): Promise<void> {
    if (rows.length === 0) return;
    const list = rows.map((r) => ({
      id: randomUUID(),
      notification_id: r.channel === 'mail' ? r.notificationId : null,
      webhook_id: r.channel === 'webhook' ? r.webhookId : null,
      channel: r.channel,
      target: r.target,
      payload: r.payload,
    }));
    await q(
      `INSERT INTO notification_deliveries (id, notification_id, webhook_id, channel, target, payload, state, attempts, next_at, created)
       SELECT e->>'id', e->>'notification_id', e->>'webhook_id', e->>'channel', e->>'target', e->'payload', 'pending', 0, $2::timestamptz, $2::timestamptz
       FROM jsonb_array_elements($1::jsonb) AS e`,
      [JSON.stringify(list), now],
    );
  }

  /**
   * Takes up to `max` due rows: pending ones whose next_at has come, and `sending` ones whose
   * lease ran out (their sender stopped mid-way). Each claim counts as an attempt.
   */
  async claim(now: Date, leaseMs: number, max: number, maxAttempts: number): Promise<Delivery[]> {
    // rows that ran out of attempts while their sender was gone are given up
    await this.db.query(
      `UPDATE notification_deliveries SET state = 'failed', last_error = COALESCE(last_error, 'the sender stopped while sending')
       WHERE state = 'sending' AND next_at <= $1 AND attempts >= $2`,
      [now, maxAttempts],
    );
    const rows = await this.db.query<Stored>(
      `UPDATE notification_deliveries SET state = 'sending', attempts = attempts + 1, next_at = $2
       WHERE id IN (
         SELECT id FROM notification_deliveries
         WHERE state IN ('pending', 'sending') AND next_at <= $1 AND attempts < $4
         ORDER BY next_at, seq
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [now, new Date(now.getTime() + leaseMs), max, maxAttempts],
    );
    return rows.map(toDelivery);
  }

  /** the outcome of the attempt `claimed` made (ignored when the row was claimed again since) */
  async settle(claimed: Delivery, outcome: { state: 'sent'; at: Date } | { state: 'pending'; nextAt: Date; error: string } | { state: 'failed'; error: string }): Promise<void> {
    const guard = `WHERE id = $1 AND state = 'sending' AND attempts = $2`;
    if (outcome.state === 'sent') {
      await this.db.query(`UPDATE notification_deliveries SET state = 'sent', sent_at = $3 ${guard}`, [claimed.id, claimed.attempts, outcome.at]);
    } else if (outcome.state === 'pending') {
      await this.db.query(`UPDATE notification_deliveries SET state = 'pending', next_at = $3, last_error = $4 ${guard}`, [claimed.id, claimed.attempts, outcome.nextAt, outcome.error.slice(0, ERROR_MAX)]);
    } else {
      await this.db.query(`UPDATE notification_deliveries SET state = 'failed', last_error = $3 ${guard}`, [claimed.id, claimed.attempts, outcome.error.slice(0, ERROR_MAX)]);
    }
  }

  /** a deleted webhook's rows not sent yet are canceled (inside the delete's transaction) */
  async cancelForWebhook(q: Query, webhookId: string): Promise<void> {
    await q(`UPDATE notification_deliveries SET state = 'canceled', last_error = 'the webhook was deleted' WHERE webhook_id = $1 AND state = 'pending'`, [webhookId]);
  }

  /** the rows, oldest first (tests and operators) */
  async list(q: { state?: DeliveryState; channel?: 'mail' | 'webhook' } = {}): Promise<Delivery[]> {
    const rows = await this.db.query<Stored>(
      `SELECT ${COLUMNS} FROM notification_deliveries WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR channel = $2) ORDER BY seq`,
      [q.state ?? null, q.channel ?? null],
    );
    return rows.map(toDelivery);
  }
}
