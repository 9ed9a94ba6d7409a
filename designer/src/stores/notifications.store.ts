import { defineStore } from 'pinia';
import { ref } from 'vue';
import { notificationsApi, type Notification } from '../api/notifications.ts';

/** how many the panel lists (newest first) */
export const PANEL_SIZE = 50;

/**
 * My notifications: the unread count for the bell (polled by the shell), and the newest ones
 * for the panel, marked read one by one or all at once.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const unread = ref(0);
  const items = ref<Notification[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref<unknown>(null);

  /** the bell's number (one row is enough: the answer carries the unread count) */
  async function refreshCount(): Promise<void> {
    unread.value = (await notificationsApi.list({ unreadOnly: true, max: 1 })).unread;
  }

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const r = await notificationsApi.list({ max: PANEL_SIZE });
      items.value = r.items;
      total.value = r.total;
      unread.value = r.unread;
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }

  async function markRead(n: Notification): Promise<void> {
    if (n.readAt) return;
    const read = await notificationsApi.markRead(n.id);
    items.value = items.value.map((x) => (x.id === n.id ? read : x));
    unread.value = Math.max(0, unread.value - 1);
  }

  async function markAllRead(): Promise<void> {
    const r = await notificationsApi.markAllRead();
    const now = new Date().toISOString();
    items.value = items.value.map((x) => (x.readAt ? x : { ...x, readAt: now }));
    unread.value = r.unread;
  }

  /** signed out: nothing of the last user stays */
  function reset(): void {
    unread.value = 0;
    items.value = [];
    total.value = 0;
    error.value = null;
  }

  return { unread, items, total, loading, error, refreshCount, load, markRead, markAllRead, reset };
});
