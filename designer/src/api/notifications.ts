import type { Notification, NotificationList, ReadAllResult } from '../../../runtime/src/api-types/notifications.ts';
import { http } from './http.ts';

/** The notification centre (/api/notifications): my notifications, newest first, and marking them read. */

export type { Notification, NotificationList } from '../../../runtime/src/api-types/notifications.ts';

export const notificationsApi = {
  /** a page of my notifications; `unread` in the answer counts all my unread ones, whatever the page */
  list: (o: { unreadOnly?: boolean; first?: number; max?: number } = {}) =>
    http.get<NotificationList>('/api/notifications', { unread: o.unreadOnly ? true : undefined, first: o.first, max: o.max }),
  markRead: (id: string) => http.post<Notification>(`/api/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => http.post<ReadAllResult>('/api/notifications/read-all'),
};
