import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkPlugin, invokeTask, resolveConfig } from '@liuzhuan/plugin-sdk';
import plugin from '../src/index.ts';
import { send } from '../src/send.task.ts';

interface Received {
  mailFrom: string;
  rcptTo: string[];
  user: string | undefined;
  raw: string;
}

let server: SMTPServer;
let port: number;
const inbox: Received[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'mailer' && auth.password === 's3cret') return cb(null, { user: auth.username });
      return cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      if (address.address.endsWith('@reject.test')) return cb(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
      return cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        inbox.push({ mailFrom: mailFrom ? mailFrom.address : '', rcptTo: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined, raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  inbox.length = 0;
});

const config = () => ({ smtpUrl: `smtp://mailer:s3cret@127.0.0.1:${port}`, from: 'Liuzhuan <noreply@liuzhuan.test>', secure: false, timeoutMs: 5000 });

function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1];
}

describe('mail.send', () => {
  it('is a well-formed plugin that reads its settings from the environment', () => {
    expect(checkPlugin(plugin)).toEqual([]);
    expect(resolveConfig(plugin, { MAIL_SMTP_URL: 'smtp://u:p@mail.test:2525', MAIL_FROM: 'a@b.test' })).toEqual({
      ok: true,
      value: { smtpUrl: 'smtp://u:p@mail.test:2525', from: 'a@b.test', secure: false, timeoutMs: 30_000 },
    });
    expect(resolveConfig(plugin, { MAIL_SMTP_HOST: 'mail.test', MAIL_SMTP_PORT: 'x', MAIL_SMTP_SECURE: 'maybe' })).toEqual({
      ok: false,
      errors: ["'port' must be integer", "'secure' must be boolean"],
    });
  });

  it('delivers the message with the right headers and envelope', async () => {
    // when
    const out = await invokeTask(
      send,
      { to: ['Ann <ann@example.test>', 'bo@example.test'], cc: 'cy@example.test', bcc: 'audit@example.test', subject: 'Leave approved', text: 'Enjoy your holiday.', html: '<p>Enjoy your <b>holiday</b>.</p>' },
      { config: config() },
    );
    // then
    expect(out).toMatchObject({ kind: 'completed', variables: { accepted: ['ann@example.test', 'bo@example.test', 'cy@example.test', 'audit@example.test'], rejected: [] } });
    expect(inbox).toHaveLength(1);
    const mail = inbox[0]!;
    expect(mail.user).toBe('mailer');
    expect(mail.mailFrom).toBe('noreply@liuzhuan.test');
    expect(mail.rcptTo).toEqual(['ann@example.test', 'bo@example.test', 'cy@example.test', 'audit@example.test']);
    expect(header(mail.raw, 'From')).toBe('Liuzhuan <noreply@liuzhuan.test>');
    expect(header(mail.raw, 'To')).toBe('Ann <ann@example.test>, bo@example.test');
    expect(header(mail.raw, 'Cc')).toBe('cy@example.test');
    expect(header(mail.raw, 'Bcc')).toBeUndefined();
    expect(header(mail.raw, 'Subject')).toBe('Leave approved');
    expect(header(mail.raw, 'Message-ID')).toBe(out.kind === 'completed' ? out.variables.messageId : 'none');
    expect(header(mail.raw, 'Content-Type')).toMatch(/^multipart\/alternative/);
    expect(mail.raw).toContain('Enjoy your holiday.');
    expect(mail.raw).toContain('<p>Enjoy your <b>holiday</b>.</p>');
  });

  it('reports recipients the server refused and delivers to the others', async () => {
    const out = await invokeTask(send, { to: ['ok@example.test', 'gone@reject.test'], subject: 's', text: 't', from: 'x@liuzhuan.test' }, { config: config() });
    expect(out).toMatchObject({ kind: 'completed', variables: { accepted: ['ok@example.test'], rejected: ['gone@reject.test'] } });
    expect(inbox.map((m) => m.rcptTo)).toEqual([['ok@example.test']]);
  });

  it('fails without retries when retrying cannot help', async () => {
    expect(await invokeTask(send, { to: 'a@example.test', subject: 's' }, { config: { secure: false, timeoutMs: 5000 } })).toEqual({
      kind: 'failed',
      retryable: false,
      message: 'mail is not configured: set MAIL_SMTP_URL (or MAIL_SMTP_HOST)',
    });
    expect(await invokeTask(send, { to: 'a@example.test', subject: 's' }, { config: { ...config(), from: undefined } })).toMatchObject({ kind: 'failed', retryable: false, message: 'no sender: give from, or set MAIL_FROM' });
    const badLogin = await invokeTask(send, { to: 'a@example.test', subject: 's' }, { config: { ...config(), smtpUrl: `smtp://mailer:wrong@127.0.0.1:${port}` } });
    expect(badLogin).toMatchObject({ kind: 'failed', retryable: false, message: expect.stringContaining('Invalid login') });
    const allRejected = await invokeTask(send, { to: 'gone@reject.test', subject: 's' }, { config: config() });
    expect(allRejected).toMatchObject({ kind: 'failed', retryable: false });
    expect(await invokeTask(send, { to: [], subject: 's' }, { config: config() })).toMatchObject({ kind: 'failed', retryable: false, message: expect.stringContaining("'to'") });
    expect(inbox).toHaveLength(0);
  });

  it('fails retryably when the server cannot be reached', async () => {
    // given a port nobody listens on
    const probe = createNetServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closed = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    // when
    const out = await invokeTask(send, { to: 'a@example.test', subject: 's' }, { config: { ...config(), smtpUrl: `smtp://127.0.0.1:${closed}` } });
    // then
    expect(out).toMatchObject({ kind: 'failed', retryable: true, message: expect.stringContaining('ECONNREFUSED') });
  });
});
