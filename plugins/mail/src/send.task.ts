import { defineTask, TaskFailure, Type } from '@liuzhuan/plugin-sdk';
import { createTransport } from 'nodemailer';
import { MailConfig } from './config.ts';

const Addresses = Type.Union([Type.String({ minLength: 3 }), Type.Array(Type.String({ minLength: 3 }), { minItems: 1 })], {
  description: "one address ('Ann <ann@example.com>' or 'ann@example.com') or a list",
});

export const SendInput = Type.Object(
  {
    to: Addresses,
    cc: Type.Optional(Addresses),
    bcc: Type.Optional(Addresses),
    subject: Type.String({ maxLength: 998 }),
    text: Type.Optional(Type.String()),
    html: Type.Optional(Type.String()),
    from: Type.Optional(Type.String({ minLength: 3, description: 'default: the MAIL_FROM setting' })),
    replyTo: Type.Optional(Addresses),
  },
  { additionalProperties: false },
);

export const SendOutput = Type.Object(
  {
    messageId: Type.String(),
    accepted: Type.Array(Type.String()),
    rejected: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

/** the SMTP settings, from smtpUrl when given */
function smtpOptions(c: MailConfig): { host: string; port: number | undefined; secure: boolean; user: string | undefined; pass: string | undefined } {
  if (!c.smtpUrl) return { host: c.host!, port: c.port, secure: c.secure, user: c.user, pass: c.pass };
  let url: URL;
  try {
    url = new URL(c.smtpUrl);
  } catch {
    throw new TaskFailure('MAIL_SMTP_URL is not a valid URL', { retryable: false });
  }
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    secure: url.protocol === 'smtps:',
    user: url.username ? decodeURIComponent(url.username) : c.user,
    pass: url.password ? decodeURIComponent(url.password) : c.pass,
  };
}

function transportFor(c: MailConfig) {
  const o = smtpOptions(c);
  return createTransport({
    host: o.host,
    ...(o.port !== undefined ? { port: o.port } : {}),
    secure: o.secure,
    ...(o.user ? { auth: { user: o.user, pass: o.pass ?? '' } } : {}),
    connectionTimeout: c.timeoutMs,
    greetingTimeout: c.timeoutMs,
    socketTimeout: c.timeoutMs,
  });
}

const asList = (v: unknown) => (Array.isArray(v) ? v.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? a))) : []);

/** mail.send: one message over SMTP (nodemailer). */
export const send = defineTask({
  topic: 'mail.send',
  version: 1,
  label: 'Send mail',
  description: 'Sends an e-mail through the SMTP server of the MAIL_SMTP_URL setting.',
  input: SendInput,
  output: SendOutput,
  config: MailConfig,
  run: async (input, ctx) => {
    const c = ctx.config;
    if (!c.smtpUrl && !c.host) ctx.fail('mail is not configured: set MAIL_SMTP_URL (or MAIL_SMTP_HOST)', { retryable: false });
    const from = input.from ?? c.from;
    if (!from) ctx.fail('no sender: give from, or set MAIL_FROM', { retryable: false });
    const transport = transportFor(c);
    const stop = () => transport.close();
    ctx.signal.addEventListener('abort', stop, { once: true });
    try {
      const info = await transport.sendMail({ from, to: input.to, cc: input.cc, bcc: input.bcc, replyTo: input.replyTo, subject: input.subject, text: input.text, html: input.html });
      ctx.log.info('mail sent', { messageId: info.messageId, to: input.to });
      return { messageId: String(info.messageId), accepted: asList(info.accepted), rejected: asList(info.rejected) };
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      const err = e as Error & { responseCode?: number; code?: string; response?: string };
      // 5xx replies and refused logins do not heal by themselves; the rest (4xx, network) may
      const permanent = (err.responseCode !== undefined && err.responseCode >= 500) || err.code === 'EAUTH' || err.code === 'EENVELOPE';
      throw new TaskFailure(`mail.send: ${err.message}`, { retryable: !permanent, ...(err.response ? { details: err.response } : {}) });
    } finally {
      ctx.signal.removeEventListener('abort', stop);
      transport.close();
    }
  },
});
