import { definePlugin } from '@liuzhuan/plugin-sdk';
import { create } from './create.task.ts';
import { get } from './get.task.ts';
import { query } from './query.task.ts';
import { update } from './update.task.ts';

export { ENTITY_ERROR_CODES } from './store-call.ts';

/**
 * entity: reads and writes the runtime's entity store from a process (topics entity.create,
 * entity.update, entity.get, entity.query). The tasks act for the process: the store sees the
 * system actor, and records carry createdBy / updatedBy `process:<processInstanceId>`.
 */
export default definePlugin({ name: 'entity', version: '0.1.0', tasks: [create, update, get, query] });
