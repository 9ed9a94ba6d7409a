import { invokeTask } from '@liuzhuan/plugin-sdk';
import type { FastifyBaseLogger } from 'fastify';
import type { LoadedPlugin } from '../plugin-host/registry.ts';
import { taskLogger } from '../plugin-host/settle.ts';
import type { MailPayload, SendOutcome } from './types.ts';

export const MAIL_TOPIC = 'mail.send';

/** how notifications send mail; absent (null) when mail is not set up */
export interface Mailer {
  send(m: MailPayload, signal: AbortSignal): Promise<SendOutcome>;
}

/**
 * Mail through the mail plugin, by the architecture's rule (the runtime reaches plugins only
 * through the plugin host): the `mail.send` task the host loaded is invoked with the sdk's
 * invokeTask and the settings the host checked at boot (MAIL_SMTP_URL, MAIL_FROM …), the same
 * call the host's worker makes for a fetched task, without a process instance or an external
 * task. Null when the plugin is not loaded (PLUGINS) or has no SMTP server or sender set.
 */
export function mailerFromPlugins(plugins: readonly LoadedPlugin[], log?: FastifyBaseLogger): Mailer | null {
  for (const p of plugins) {
    const task = p.definition.tasks.find((t) => t.topic === MAIL_TOPIC);
    if (!task) continue;
    const c = (p.config ?? {}) as { smtpUrl?: string; host?: string; from?: string };
    if ((!c.smtpUrl && !c.host) || !c.from) return null;
    return {
      send: async (m, signal) => {
        const out = await invokeTask(task, { to: m.to, subject: m.subject, text: m.text }, { config: p.config, signal, task: { topicName: MAIL_TOPIC }, ...(log ? { log: taskLogger(log) } : {}) });
        switch (out.kind) {
          case 'completed':
            return { ok: true };
          case 'failed':
            return { ok: false, error: out.message, retryable: out.retryable };
          case 'bpmn-error':
            return { ok: false, error: `${MAIL_TOPIC}: ${out.code} ${out.message}`, retryable: false };
          case 'aborted':
            return { ok: false, error: `${MAIL_TOPIC}: ${out.reason}`, retryable: true };
        }
      },
    };
  }
  return null;
}
