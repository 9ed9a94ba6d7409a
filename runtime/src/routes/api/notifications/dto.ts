import type { Notification, Webhook } from '../../../api-types/notifications.ts';
import type { NotificationRow, WebhookRow } from '../../../services/notifications/index.ts';

export const notificationDto = (r: NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  processInstanceId: r.processInstanceId,
  taskId: r.taskId,
  created: r.created.toISOString(),
  readAt: r.readAt ? r.readAt.toISOString() : null,
});

export const webhookDto = (w: WebhookRow): Webhook => ({ id: w.id, ownerKind: w.ownerKind, ownerId: w.ownerId, url: w.url, flavor: w.flavor, createdBy: w.createdBy, created: w.created.toISOString() });
