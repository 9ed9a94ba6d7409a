/** notifications: the in-app centre, mail through the mail plugin, webhooks per user or group */
export { NotificationService, type NotificationOptions, type NotifyResult } from './notifications.service.ts';
export { mailerFromPlugins, MAIL_TOPIC, type Mailer } from './mail-sender.ts';
export { DEFAULT_DELIVERY, type DeliveryOptions, type DeliveryStats } from './delivery-worker.ts';
export { taskLink, requestLink } from './engine-events.ts';
export type { Delivery, NotificationInput, NotificationRow, WebhookRow } from './types.ts';
