/** cc: "copied to me" — the approval.cc topic worked in-process, and the rows it records */
export { CcService, type CcOptions } from './cc.service.ts';
export type { CcRow } from './cc.repo.ts';
export { CC_TOPIC, idList } from './cc-task.ts';
