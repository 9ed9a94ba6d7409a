import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { smtpSink } from './notifications-setup.ts';

// Mail through the mail plugin (mail.send, invoked through the plugin host's loaded plugin with
// its MAIL_SMTP_URL / MAIL_FROM settings), to a local SMTP sink.

let sink: Awaited<ReturnType<typeof smtpSink>>;
let t: TestApp;
beforeAll(async () => {
  sink = await smtpSink();
  t = await createTestApp({ MAIL_SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Liuzhuan <noreply@liuzhuan.test>', MAIL_TIMEOUT_MS: '5000' });
  await t.user('ann');
  await t.app.identity.updateUser('ann', { firstName: 'Ann', lastName: null, email: 'ann@example.test' });
  await t.user('noemail');
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

describe('mail', () => {
  it('mails each recipient who has an address, after commit, once', async () => {
    // when
    const r = await t.app.notifications.notify(['ann', 'noemail'], { kind: 'task.urged', title: 'Order 9 waits for you', body: 'please approve', link: '/tasks/t-9' });
    const queued = await t.app.notifications.deliveries.list({ channel: 'mail' });
    const stats = await t.app.notifications.deliverDue();
    // then
    expect(r).toMatchObject({ deliveries: 1 });
    expect(queued).toMatchObject([{ state: 'pending', target: 'ann@example.test', payload: { to: 'ann@example.test', subject: 'Order 9 waits for you' } }]);
    expect(stats).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.from).toBe('noreply@liuzhuan.test');
    expect(mail.to).toEqual(['ann@example.test']);
    expect(mail.data).toMatch(/^Subject: Order 9 waits for you$/m);
    expect(mail.data).toContain('please approve');
    expect(mail.data).toContain('/tasks/t-9');
    expect(await t.app.notifications.deliveries.list({ channel: 'mail', state: 'sent' })).toHaveLength(1);
    expect(await t.app.notifications.deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(sink.mails).toHaveLength(1);
  });

  it('records a mail the server refuses as failed at once (retrying cannot help)', async () => {
    // given
    await t.user('gone');
    await t.app.identity.updateUser('gone', { firstName: null, lastName: null, email: 'gone@reject.test' });
    await t.app.notifications.notify(['gone'], { kind: 'task.urged', title: 'Nobody reads this' });
    // when
    const stats = await t.app.notifications.deliverDue();
    // then
    expect(stats).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await t.app.notifications.deliveries.list({ channel: 'mail', state: 'failed' })).toMatchObject([{ target: 'gone@reject.test', attempts: 1, lastError: expect.stringContaining('mail.send') }]);
    // the in-app row is there all the same
    expect((await t.app.notifications.list('gone', {})).total).toBe(1);
  });
});

describe('without mail settings', () => {
  it('queues no mail (in-app only)', async () => {
    // given an app whose mail plugin has no SMTP server set
    const bare = await createTestApp();
    try {
      await bare.user('ann');
      await bare.app.identity.updateUser('ann', { firstName: 'Ann', lastName: null, email: 'ann@example.test' });
      // when
      const r = await bare.app.notifications.notify(['ann'], { kind: 'task.urged', title: 'In-app only' });
      // then
      expect(r).toMatchObject({ deliveries: 0 });
      expect(r.notificationIds).toHaveLength(1);
      expect(await bare.app.notifications.deliveries.list({ channel: 'mail' })).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});
