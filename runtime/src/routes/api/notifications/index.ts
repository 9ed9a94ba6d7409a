import type { FastifyInstance } from 'fastify';
import type { NotificationService } from '../../../services/notifications/index.ts';
import { notificationsRoutes } from './notifications.routes.ts';
import { webhooksRoutes } from './webhooks.routes.ts';

/** /api/notifications: the notification centre and webhooks (any signed-in user) */
export async function notificationsApiRoutes(app: FastifyInstance, opts: { notifications: NotificationService }): Promise<void> {
  await app.register(notificationsRoutes, opts);
  await app.register(webhooksRoutes, opts);
}
