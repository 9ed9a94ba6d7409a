import { defineTask, Type } from '@liuzhuan/plugin-sdk';

/** the topic a cc node's service task names (API contract C, "CC nodes") */
export const CC_TOPIC = 'approval.cc';

/** a comma list (`"a, b"`) or a camunda:list of ids */
const Ids = Type.Union([Type.String({ maxLength: 100_000 }), Type.Array(Type.String({ maxLength: 255 }), { maxItems: 10_000 })]);

export const CcInput = Type.Object(
  {
    ccUsers: Type.Optional(Ids),
    ccGroups: Type.Optional(Ids),
  },
  { additionalProperties: true },
);

/** the ids of a comma list or a list, trimmed, without blanks and repeats */
export function idList(v: string | readonly string[] | undefined): string[] {
  const parts = v === undefined ? [] : typeof v === 'string' ? v.split(',') : v;
  return [...new Set(parts.map((s) => String(s).trim()).filter((s) => s !== ''))];
}

export interface CcRecorder {
  /** records one row per user the task names (the members of the groups included) */
  copy(task: { id: string; processInstanceId: string; activityId: string }, users: string[], groups: string[]): Promise<number>;
}

/**
 * approval.cc: copies the request to the users in `ccUsers` and the members of `ccGroups`
 * (the cc step's input parameters). Worked in-process by the runtime like a plugin topic.
 */
export function ccTask(recorder: CcRecorder) {
  return defineTask({
    topic: CC_TOPIC,
    version: 1,
    label: 'Copy the request to people',
    description: 'Records the request as "copied to me" for the users in ccUsers and the members of the groups in ccGroups.',
    input: CcInput,
    output: Type.Object({}, { additionalProperties: false }),
    run: async (input, ctx) => {
      const users = idList(input.ccUsers);
      const groups = idList(input.ccGroups);
      const n = await recorder.copy(ctx.task, users, groups);
      if (n === 0) ctx.log.warn('approval.cc names nobody (ccUsers / ccGroups empty or without members)', { processInstanceId: ctx.task.processInstanceId, activityId: ctx.task.activityId });
      return {};
    },
  });
}
