/**
 * 0001 — notifications: the in-app rows (one per user), the webhooks people and groups set
 * (DingTalk / Feishu / WeCom robots, or any URL), and the delivery outbox. A notify call writes
 * its rows and its deliveries in one transaction; the delivery worker sends after commit,
 * claiming due rows with FOR UPDATE SKIP LOCKED, so a crash loses nothing and several runtimes
 * on one database send each delivery once.
 */
export const name = '0001_notifications';

export const up: string[] = [
  // seq orders rows written within one millisecond (newest first is by created, then seq)
  `CREATE TABLE notifications (
     id text PRIMARY KEY,
     seq bigint GENERATED ALWAYS AS IDENTITY,
     user_id text NOT NULL,
     kind text NOT NULL,
     title text NOT NULL,
     body text,
     link text,
     process_instance_id text,
     task_id text,
     created timestamptz(3) NOT NULL,
     read_at timestamptz(3)
   )`,
  `CREATE INDEX notifications_user ON notifications (user_id, created DESC, seq DESC)`,
  `CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL`,
  `CREATE TABLE notification_webhooks (
     id text PRIMARY KEY,
     owner_kind text NOT NULL CHECK (owner_kind IN ('user', 'group')),
     owner_id text NOT NULL,
     url text NOT NULL,
     flavor text NOT NULL CHECK (flavor IN ('dingtalk', 'feishu', 'wecom', 'generic')),
     created_by text NOT NULL,
     created timestamptz(3) NOT NULL
   )`,
  `CREATE INDEX notification_webhooks_owner ON notification_webhooks (owner_kind, owner_id)`,
  // one row per message to send: a mail to one user (notification_id set) or a post to one
  // webhook for one notify call (webhook_id set); payload is what goes out, rendered at notify
  `CREATE TABLE notification_deliveries (
     id text PRIMARY KEY,
     seq bigint GENERATED ALWAYS AS IDENTITY,
     notification_id text,
     webhook_id text,
     channel text NOT NULL CHECK (channel IN ('mail', 'webhook')),
     target text NOT NULL,
     payload jsonb NOT NULL,
     state text NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'canceled')),
     attempts integer NOT NULL DEFAULT 0,
     next_at timestamptz(3) NOT NULL,
     last_error text,
     created timestamptz(3) NOT NULL,
     sent_at timestamptz(3)
   )`,
  // the worker's claim: due rows (pending, or sending past their lease after a crash)
  `CREATE INDEX notification_deliveries_due ON notification_deliveries (next_at) WHERE state IN ('pending', 'sending')`,
  `CREATE INDEX notification_deliveries_webhook ON notification_deliveries (webhook_id) WHERE webhook_id IS NOT NULL`,
];
