import type { WebhookFlavor } from '../../api-types/notifications.ts';

export type { WebhookFlavor };

/** a parametrised statement on the database or inside a transaction (Db.query, a transaction's q) */
export type Query = <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

/**
 * What notify() tells people. `link` is a path of the web app: `/tasks/<taskId>` or
 * `/requests/<instanceId>`.
 */
export interface NotificationInput {
  /** what happened, `noun.verb-past` (task.assigned, request.completed, task.urged …) */
  kind: string;
  title: string;
  body?: string;
  link?: string;
  processInstanceId?: string;
  taskId?: string;
}

/** one in-app notification of one user */
export interface NotificationRow {
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  processInstanceId: string | null;
  taskId: string | null;
  created: Date;
  readAt: Date | null;
}

export interface WebhookRow {
  id: string;
  ownerKind: 'user' | 'group';
  ownerId: string;
  url: string;
  flavor: WebhookFlavor;
  createdBy: string;
  created: Date;
}

export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed' | 'canceled';

/** what a mail delivery sends (the mail.send task's input) */
export interface MailPayload {
  to: string;
  subject: string;
  text: string;
}

/** what a webhook delivery posts: the JSON body of its flavor */
export interface WebhookPayload {
  flavor: WebhookFlavor;
  body: Record<string, unknown>;
}

export type Delivery =
  | (DeliveryBase & { channel: 'mail'; payload: MailPayload })
  | (DeliveryBase & { channel: 'webhook'; payload: WebhookPayload });

interface DeliveryBase {
  id: string;
  notificationId: string | null;
  webhookId: string | null;
  /** the mail address, or the webhook URL */
  target: string;
  state: DeliveryState;
  attempts: number;
  nextAt: Date;
  lastError: string | null;
  created: Date;
  sentAt: Date | null;
}

/** how one attempt to send went */
export type SendOutcome = { ok: true } | { ok: false; error: string; retryable: boolean };

export const date = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
export const dateOrNull = (v: Date | string | null): Date | null => (v === null ? null : date(v));
