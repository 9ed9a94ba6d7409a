/**
 * Notifications (issue 6, item 4): the in-app notification centre and the webhooks people and
 * groups set. The TypeBox schemas the routes validate and serialise with, and their static
 * types for the designer (`import type` only).
 */
import { Type, type Static, type TSchema } from 'typebox';

/** responses only */
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const Notification = Type.Object(
  {
    id: Type.String(),
    kind: Type.String({ description: "what happened: 'task.assigned', 'task.delegated', 'request.completed', 'request.canceled', 'task.urged', 'request.cc' …" }),
    title: Type.String(),
    body: Nullable(Type.String()),
    link: Nullable(Type.String({ description: "the web app's page: /tasks/<taskId> or /requests/<instanceId>" })),
    processInstanceId: Nullable(Type.String()),
    taskId: Nullable(Type.String()),
    created: Type.String({ format: 'date-time' }),
    readAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type Notification = Static<typeof Notification>;

export const NotificationListQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'true: only the unread ones' })),
    first: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
    max: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type NotificationListQuery = Static<typeof NotificationListQuery>;

export const NotificationList = Type.Object(
  {
    items: Type.Array(Notification, { description: 'newest first' }),
    total: Type.Integer({ description: 'how many match the query (all pages)' }),
    unread: Type.Integer({ description: "the caller's unread notifications, whatever the query" }),
  },
  { additionalProperties: false },
);
export type NotificationList = Static<typeof NotificationList>;

export const NotificationParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const ReadAllResult = Type.Object({ updated: Type.Integer({ description: 'how many were unread and are read now' }), unread: Type.Integer() }, { additionalProperties: false });
export type ReadAllResult = Static<typeof ReadAllResult>;

export const WebhookOwnerKind = Type.Union([Type.Literal('user'), Type.Literal('group')]);
export const WebhookFlavor = Type.Union([Type.Literal('dingtalk'), Type.Literal('feishu'), Type.Literal('wecom'), Type.Literal('generic')], {
  description: 'the message shape: DingTalk / WeCom robot text, Feishu robot text, or our own JSON',
});
export type WebhookFlavor = Static<typeof WebhookFlavor>;

export const Webhook = Type.Object(
  {
    id: Type.String(),
    ownerKind: WebhookOwnerKind,
    ownerId: Type.String(),
    url: Type.String(),
    flavor: WebhookFlavor,
    createdBy: Type.String(),
    created: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type Webhook = Static<typeof Webhook>;

export const WebhookList = Type.Object({ items: Type.Array(Webhook) }, { additionalProperties: false });
export type WebhookList = Static<typeof WebhookList>;

export const CreateWebhookBody = Type.Object(
  {
    ownerKind: WebhookOwnerKind,
    ownerId: Type.String({ minLength: 1, maxLength: 64, description: 'a user id (yourself, unless admin) or a group id (admins only)' }),
    url: Type.String({ minLength: 1, maxLength: 2000, description: 'http:// or https://' }),
    flavor: WebhookFlavor,
  },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;
