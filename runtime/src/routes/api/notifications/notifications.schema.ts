import { Type } from 'typebox';

/** the request and response schemas are the designer's types: one definition in api-types */
export { CreateWebhookBody, Notification, NotificationList, NotificationListQuery, NotificationParams, ReadAllResult, Webhook, WebhookList } from '../../../api-types/notifications.ts';

/** the error body (infra/errors.ts) */
export const ErrorBody = Type.Object({ type: Type.String(), message: Type.String(), code: Type.Optional(Type.String()) });

export const errorResponses = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
