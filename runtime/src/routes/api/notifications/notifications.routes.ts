import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import type { NotificationService } from '../../../services/notifications/index.ts';
import { notificationDto } from './dto.ts';
import { errorResponses, Notification, NotificationList, NotificationListQuery, NotificationParams, ReadAllResult } from './notifications.schema.ts';

const tags = ['notifications'];
// any signed-in user, on their own notifications only
const config = { auth: 'user' as const };

/** the notification centre: GET /api/notifications, POST /api/notifications/:id/read, POST /api/notifications/read-all */
export async function notificationsRoutes(app: FastifyInstance, { notifications }: { notifications: NotificationService }): Promise<void> {
  app.get(
    '/api/notifications',
    { config, schema: { tags, summary: 'My notifications, newest first; `unread` counts all my unread ones', querystring: NotificationListQuery, response: { 200: NotificationList, ...errorResponses } } },
    async (req) => {
      const q = req.query as Static<typeof NotificationListQuery>;
      const page = await notifications.list(principalOf(req).id, q);
      return { items: page.rows.map(notificationDto), total: page.total, unread: page.unread };
    },
  );

  app.post(
    '/api/notifications/read-all',
    { config, schema: { tags, summary: 'Mark all my notifications read', response: { 200: ReadAllResult, ...errorResponses } } },
    async (req) => notifications.markAllRead(principalOf(req).id),
  );

  app.post(
    '/api/notifications/:id/read',
    { config, schema: { tags, summary: "Mark one of my notifications read (someone else's: 404)", params: NotificationParams, response: { 200: Notification, ...errorResponses } } },
    async (req) => notificationDto(await notifications.markRead(principalOf(req).id, (req.params as Static<typeof NotificationParams>).id)),
  );
}
