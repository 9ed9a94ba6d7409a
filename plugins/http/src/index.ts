import { definePlugin } from '@liuzhuan/plugin-sdk';
import { HttpConfig, httpConfigFromEnv } from './config.ts';
import { request } from './request.task.ts';

/** http: calls HTTP services from a process (topic `http.request`). */
export default definePlugin({
  name: 'http',
  version: '0.1.0',
  config: { schema: HttpConfig, fromEnv: httpConfigFromEnv },
  tasks: [request],
});
