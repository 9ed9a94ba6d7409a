import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import type { NotificationService } from '../../../services/notifications/index.ts';
import { webhookDto } from './dto.ts';
import { CreateWebhookBody, errorResponses, NotificationParams, Webhook, WebhookList } from './notifications.schema.ts';

const tags = ['notifications'];
// any signed-in user; the service lets users manage their own and admins every one
const config = { auth: 'user' as const };

/** webhooks: a user's own (a DingTalk / Feishu / WeCom robot URL), and groups' (admins) */
export async function webhooksRoutes(app: FastifyInstance, { notifications }: { notifications: NotificationService }): Promise<void> {
  app.get(
    '/api/notifications/webhooks',
    { config, schema: { tags, summary: 'My webhooks (admins: every webhook)', response: { 200: WebhookList, ...errorResponses } } },
    async (req) => ({ items: (await notifications.listWebhooks(principalOf(req))).map(webhookDto) }),
  );

  app.post(
    '/api/notifications/webhooks',
    {
      config,
      schema: {
        tags,
        summary: 'Add a webhook: for yourself, or (admins) for any user or a group; the URL must be http:// or https:// (400)',
        body: CreateWebhookBody,
        response: { 201: Webhook, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(webhookDto(await notifications.addWebhook(principalOf(req), req.body as Static<typeof CreateWebhookBody>))),
  );

  app.delete(
    '/api/notifications/webhooks/:id',
    { config, schema: { tags, summary: "Delete one of my webhooks (admins: any); posts not sent yet are canceled", params: NotificationParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await notifications.deleteWebhook(principalOf(req), (req.params as Static<typeof NotificationParams>).id);
      return reply.status(204).send();
    },
  );
}
