import { runMigrations, type Clock, type Engine } from '@liuzhuan/engine';
import type { FastifyBaseLogger } from 'fastify';
import type { CreateWebhookBody } from '../../api-types/notifications.ts';
import { badRequest, forbidden, notFound } from '../../infra/errors.ts';
import type { IdentityService, Principal } from '../identity/identity.service.ts';
import { DeliveriesRepo, type NewDelivery } from './deliveries.repo.ts';
import { DEFAULT_DELIVERY, DeliveryWorker, type DeliveryOptions, type DeliveryStats } from './delivery-worker.ts';
import { EngineEventNotifier } from './engine-events.ts';
import type { Mailer } from './mail-sender.ts';
import * as m0001 from './migrations/0001_notifications.ts';
import { NotificationsRepo } from './notifications.repo.ts';
import { messageText, webhookBody } from './webhook-flavors.ts';
import { checkWebhookUrl } from './webhook-url.ts';
import { WebhooksRepo } from './webhooks.repo.ts';
import type { NotificationInput, NotificationRow, WebhookRow } from './types.ts';

export interface NotificationOptions {
  identity: Pick<IdentityService, 'queryUsers' | 'listUsers' | 'getUser' | 'getGroup'>;
  /** how mail goes out (the mail plugin through the plugin host); null: no mail */
  mailer: () => Mailer | null;
  /** the web app's address (https://oa.example.com): links in mail and webhook messages become absolute */
  publicUrl?: string | null;
  delivery?: Partial<DeliveryOptions>;
  clock?: Clock;
}

export interface NotifyResult {
  /** the in-app rows written, one per recipient */
  notificationIds: string[];
  /** mails and webhook posts queued */
  deliveries: number;
}

/** the most webhooks one user or group may have */
const WEBHOOKS_PER_OWNER = 20;
const LIMITS = { kind: 100, title: 500, body: 20_000, link: 2000, id: 255 };
const cut = (s: string | undefined, n: number) => (s === undefined ? undefined : s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Notifications (issue 6, item 4): the in-app notification centre, mail through the mail
 * plugin, and webhooks per user or group (DingTalk / Feishu / WeCom robots, or any URL).
 *
 * The stable entry point is `notify(userIds, n)` (the approval actions call it: urge, return,
 * cc, transfer …):
 * - `userIds`: the recipients; repeats, blanks and ids of no existing user are dropped
 * - `n.kind`: `noun.verb-past` (`task.urged`, `request.cc` …); `n.title` one line; `n.body`
 *   optional text (a comment); `n.link` a web-app path (`/tasks/<taskId>`, `/requests/<id>`);
 *   `n.processInstanceId` / `n.taskId` what it is about
 * It stores one in-app row per recipient and, in the same transaction, queues a mail to each
 * recipient with an e-mail address (when mail is configured) and one post per webhook of the
 * recipients and of their groups (one per webhook, however many recipients it stands for).
 * Sending happens after commit (`start()`'s worker, or `deliverDue()`), retried with backoff.
 * Over-long texts are shortened rather than refused; it throws only when the database does.
 *
 * The engine's own events (new task, delegation, request ended) notify by themselves
 * (engine-events.ts): callers should not notify those again.
 */
export class NotificationService {
  readonly repo: NotificationsRepo;
  readonly webhooks: WebhooksRepo;
  readonly deliveries: DeliveriesRepo;
  private readonly worker: DeliveryWorker;
  private readonly events: EngineEventNotifier;
  private readonly clock: Clock;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly opts: NotificationOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.clock = opts.clock ?? engine.clock;
    this.repo = new NotificationsRepo(engine.db);
    this.webhooks = new WebhooksRepo(engine.db);
    this.deliveries = new DeliveriesRepo(engine.db);
    this.worker = new DeliveryWorker(this.deliveries, opts.mailer, this.clock, { ...DEFAULT_DELIVERY, ...opts.delivery }, log);
    this.events = new EngineEventNotifier(engine, { members: async (g) => (await opts.identity.listUsers({ memberOfGroup: g })).map((u) => u.id) }, (ids, n) => this.notify(ids, n), log);
  }

  async migrate(): Promise<void> {
    await runMigrations(this.engine.db, [m0001], 'lz_notifications_migrations');
  }

  /** see the class comment */
  async notify(userIds: readonly string[], input: NotificationInput): Promise<NotifyResult> {
    const n = this.clean(input);
    const wanted = [...new Set(userIds.map((u) => String(u).trim()).filter((u) => u !== '' && u.length <= LIMITS.id))];
    if (wanted.length === 0) return { notificationIds: [], deliveries: 0 };
    const users: { id: string; email: string | null }[] = [];
    for (let i = 0; i < wanted.length; i += 5000) users.push(...(await this.opts.identity.queryUsers({ ids: wanted.slice(i, i + 5000) })));
    if (users.length === 0) return { notificationIds: [], deliveries: 0 };
    const ids = users.map((u) => u.id);
    const hooks = await this.webhooksFor(ids);
    const created = this.clock.now();
    const link = this.absolute(n.link);
    const mailer = this.opts.mailer();
    const result = await this.engine.db.transaction(async (q) => {
      const rows = await this.repo.insert(q, ids, n, created);
      const out: NewDelivery[] = [];
      if (mailer) {
        const emails = new Map(users.map((u) => [u.id, u.email?.trim() ?? '']));
        for (const r of rows) {
          const to = emails.get(r.userId);
          if (to) out.push({ channel: 'mail', notificationId: r.id, target: to, payload: { to, subject: n.title, text: `${messageText(n, link)}\n\n-- \nLiuzhuan` } });
        }
      }
      for (const { hook, users: covered } of hooks) {
        out.push({ channel: 'webhook', webhookId: hook.id, target: hook.url, payload: { flavor: hook.flavor, body: webhookBody(hook.flavor, n, { link, users: covered, created }) } });
      }
      await this.deliveries.enqueue(q, out, created);
      return { notificationIds: rows.map((r) => r.id), deliveries: out.length };
    });
    if (result.deliveries > 0) this.worker.wake();
    return result;
  }

  private clean(n: NotificationInput): NotificationInput {
    const kind = cut(String(n.kind ?? '').trim(), LIMITS.kind) || 'notification';
    const title = cut(String(n.title ?? '').replace(/\s+/g, ' ').trim(), LIMITS.title) || kind;
    const opt = (v: string | undefined, max: number) => (typeof v === 'string' && v.trim() !== '' ? cut(v, max) : undefined);
    const body = opt(n.body, LIMITS.body);
    const link = opt(n.link, LIMITS.link);
    const processInstanceId = opt(n.processInstanceId, LIMITS.id);
    const taskId = opt(n.taskId, LIMITS.id);
    return { kind, title, ...(body ? { body } : {}), ...(link ? { link } : {}), ...(processInstanceId ? { processInstanceId } : {}), ...(taskId ? { taskId } : {}) };
  }

  /** the webhooks to post to for these recipients: their own, and their groups' (once each) */
  private async webhooksFor(userIds: string[]): Promise<{ hook: WebhookRow; users: string[] }[]> {
    const recipients = new Set(userIds);
    const out: { hook: WebhookRow; users: string[] }[] = [];
    for (const hook of await this.webhooks.ofUsers(userIds)) out.push({ hook, users: [hook.ownerId] });
    // group webhooks are few (admins set them): each group's members are read once
    const members = new Map<string, string[]>();
    for (const hook of await this.webhooks.ofGroups()) {
      let m = members.get(hook.ownerId);
      if (!m) {
        m = (await this.opts.identity.listUsers({ memberOfGroup: hook.ownerId })).map((u) => u.id).filter((u) => recipients.has(u));
        members.set(hook.ownerId, m);
      }
      if (m.length > 0) out.push({ hook, users: m });
    }
    return out;
  }

  private absolute(link: string | undefined): string | null {
    if (!link) return null;
    if (!this.opts.publicUrl) return link;
    try {
      return new URL(link, this.opts.publicUrl).toString();
    } catch {
      return link;
    }
  }

  // ---- the notification centre (a user's own rows only)

  list(userId: string, q: { unread?: boolean; first?: number; max?: number }): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
    return this.repo.listFor(userId, { unread: q.unread ?? false, first: q.first ?? 0, max: q.max ?? 50 });
  }

  /** someone else's notification is answered like a missing one (404): ids are not probed */
  async markRead(userId: string, id: string): Promise<NotificationRow> {
    const row = await this.repo.markRead(userId, id, this.clock.now());
    if (!row) throw notFound(`no notification ${id} for you`);
    return row;
  }

  async markAllRead(userId: string): Promise<{ updated: number; unread: number }> {
    const updated = await this.repo.markAllRead(userId, this.clock.now());
    return { updated, unread: await this.repo.unreadCount(userId) };
  }

  // ---- webhooks: users set their own; group webhooks are the admins'

  /** the caller's own webhooks; admins see every one */
  listWebhooks(p: Principal): Promise<WebhookRow[]> {
    return this.webhooks.list(p.isAdmin ? null : { kind: 'user', id: p.id });
  }

  async addWebhook(p: Principal, body: CreateWebhookBody): Promise<WebhookRow> {
    const ownerId = body.ownerId.trim();
    if (body.ownerKind === 'group') {
      if (!p.isAdmin) throw forbidden('only admins set webhooks of groups');
      if (!(await this.opts.identity.getGroup(ownerId))) throw badRequest(`no group '${ownerId}'`);
    } else if (ownerId !== p.id) {
      if (!p.isAdmin) throw forbidden('you may set webhooks for yourself only');
      if (!(await this.opts.identity.getUser(ownerId))) throw badRequest(`no user '${ownerId}'`);
    }
    const url = checkWebhookUrl(body.url);
    if ((await this.webhooks.countOf(body.ownerKind, ownerId)) >= WEBHOOKS_PER_OWNER) throw badRequest(`${body.ownerKind} '${ownerId}' has ${WEBHOOKS_PER_OWNER} webhooks already, the most allowed`);
    return this.webhooks.create({ ownerKind: body.ownerKind, ownerId, url, flavor: body.flavor, createdBy: p.id, created: this.clock.now() });
  }

  /** deletes a webhook the caller may see (404 otherwise); its posts not sent yet are canceled */
  async deleteWebhook(p: Principal, id: string): Promise<void> {
    const hook = await this.webhooks.get(id);
    if (!hook || (!p.isAdmin && !(hook.ownerKind === 'user' && hook.ownerId === p.id))) throw notFound(`no webhook ${id} of yours`);
    await this.engine.db.transaction(async (q) => {
      await this.deliveries.cancelForWebhook(q, id);
      await this.webhooks.delete(q, id);
    });
  }

  // ---- running

  /** sends every delivery due at `now` (default the clock's now): one pass of the worker */
  deliverDue(now?: Date): Promise<DeliveryStats> {
    return this.worker.deliverDue(now);
  }

  /** notifications from the engine's events (app.ts subscribes at build, so every app has them) */
  listen(): void {
    this.unsubscribe ??= this.events.listen();
  }

  /** resolves once the notifications of the engine events so far are written */
  idle(): Promise<void> {
    return this.events.idle();
  }

  /** starts the delivery worker (server.ts calls it, beside app.cc.start()) */
  start(): void {
    this.worker.start();
  }

  /** stops the worker and the event listener; waits for work in hand */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.events.idle();
    await this.worker.stop();
  }
}
