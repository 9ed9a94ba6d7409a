import { definePlugin } from '@liuzhuan/plugin-sdk';
import { MailConfig, mailConfigFromEnv } from './config.ts';
import { send } from './send.task.ts';

/** mail: sends e-mail over SMTP (topic `mail.send`). */
export default definePlugin({
  name: 'mail',
  version: '0.1.0',
  config: { schema: MailConfig, fromEnv: mailConfigFromEnv },
  tasks: [send],
});
