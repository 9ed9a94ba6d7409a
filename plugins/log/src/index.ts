import { definePlugin } from '@liuzhuan/plugin-sdk';
import { write } from './write.task.ts';

/** log: writes lines into the runtime's log from a process (topic `log.write`). */
export default definePlugin({ name: 'log', version: '0.1.0', tasks: [write] });
