import { defineStore } from 'pinia';
import { ref } from 'vue';
import { INBOX_TABS, workspaceApi, type BatchActResponse, type InboxItem, type InboxTab } from '../api/workspace.ts';

export const PAGE_SIZE = 20;

/** an i18n key and its parameters, translated where it is shown (so a language switch re-words it) */
export interface Notice {
  key: string;
  params: Record<string, string>;
}

/**
 * My inbox: one tab's page of items (plain limit/offset paging, no cursor), the totals of every
 * tab for the badges, approving several to-do tasks at once, and a one-shot notice the task
 * page leaves for the inbox ("approved").
 */
export const useInboxStore = defineStore('inbox', () => {
  const tab = ref<InboxTab>('todo');
  const items = ref<InboxItem[]>([]);
  const total = ref(0);
  const offset = ref(0);
  const counts = ref<Partial<Record<InboxTab, number>>>({});
  const loading = ref(false);
  const error = ref<unknown>(null);
  const notice = ref<Notice | null>(null);
  let seq = 0;

  async function load(next: InboxTab, from = 0): Promise<void> {
    const mine = ++seq;
    // another tab: its rows only, never the last tab's while the new ones come
    if (next !== tab.value) {
      items.value = [];
      total.value = 0;
    }
    tab.value = next;
    offset.value = Math.max(0, from);
    loading.value = true;
    error.value = null;
    try {
      const r = await workspaceApi.inbox(next, PAGE_SIZE, offset.value);
      if (mine !== seq) return; // a later click won
      items.value = r.items;
      total.value = r.total;
      counts.value = { ...counts.value, [next]: r.total };
    } catch (e) {
      if (mine !== seq) return;
      items.value = [];
      total.value = 0;
      error.value = e;
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  /** the badge numbers of the other tabs (one row each is enough: the answer carries the total) */
  async function refreshCounts(): Promise<void> {
    const others = INBOX_TABS.filter((t) => t !== tab.value);
    const totals = await Promise.all(others.map((t) => workspaceApi.inbox(t, 1, 0).then((r) => r.total, () => undefined)));
    const next = { ...counts.value };
    others.forEach((t, i) => {
      if (totals[i] !== undefined) next[t] = totals[i];
    });
    counts.value = next;
  }

  async function markRead(item: InboxItem): Promise<void> {
    if (item.read) return;
    await workspaceApi.markCcRead(item.id);
    item.read = true;
  }

  /** approves several to-do tasks at once: one result per task (a failure stops none of the others) */
  async function approveMany(taskIds: string[], comment?: string): Promise<BatchActResponse['results']> {
    return (await workspaceApi.batchApprove(taskIds, comment)).results;
  }

  function say(key: string, params: Record<string, string> = {}): void {
    notice.value = { key, params };
  }

  /** the notice, once */
  function takeNotice(): Notice | null {
    const n = notice.value;
    notice.value = null;
    return n;
  }

  return { tab, items, total, offset, counts, loading, error, load, refreshCounts, markRead, approveMany, say, takeNotice };
});
