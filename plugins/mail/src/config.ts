import { Type, type Static } from '@liuzhuan/plugin-sdk';

export const MailConfig = Type.Object(
  {
    /** smtp://user:pass@host:587 or smtps://…:465; or host/port/secure/user/pass one by one */
    smtpUrl: Type.Optional(Type.String({ pattern: '^smtps?://' })),
    host: Type.Optional(Type.String({ minLength: 1 })),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
    secure: Type.Boolean({ default: false }),
    user: Type.Optional(Type.String()),
    pass: Type.Optional(Type.String()),
    /** the sender when the task gives none */
    from: Type.Optional(Type.String({ minLength: 3 })),
    /** connection and reply timeouts */
    timeoutMs: Type.Integer({ minimum: 100, maximum: 300_000, default: 30_000 }),
  },
  { additionalProperties: false },
);
export type MailConfig = Static<typeof MailConfig>;

/** MAIL_SMTP_URL (or MAIL_SMTP_HOST, _PORT, _SECURE, _USER, _PASS), MAIL_FROM, MAIL_TIMEOUT_MS */
export function mailConfigFromEnv(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number.isNaN(Number(v)) ? v : Number(v));
  const text = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
  const secure = text(env.MAIL_SMTP_SECURE);
  return {
    smtpUrl: text(env.MAIL_SMTP_URL),
    host: text(env.MAIL_SMTP_HOST),
    port: num(env.MAIL_SMTP_PORT),
    secure: secure === undefined ? undefined : ['1', 'true', 'yes'].includes(secure.toLowerCase()) ? true : ['0', 'false', 'no'].includes(secure.toLowerCase()) ? false : secure,
    user: text(env.MAIL_SMTP_USER),
    pass: text(env.MAIL_SMTP_PASS),
    from: text(env.MAIL_FROM),
    timeoutMs: num(env.MAIL_TIMEOUT_MS),
  };
}
