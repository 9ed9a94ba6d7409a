import { defineTask, Type } from '@liuzhuan/plugin-sdk';

export const WriteInput = Type.Object(
  {
    level: Type.Enum(['debug', 'info', 'warn', 'error'], { default: 'info' }),
    message: Type.String({ minLength: 1, maxLength: 10_000 }),
    fields: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'structured fields beside the message' })),
  },
  { additionalProperties: false },
);

/** log.write: one line in the runtime's log, with the process instance it came from. */
export const write = defineTask({
  topic: 'log.write',
  version: 1,
  label: 'Write to the log',
  description: "Writes a message (and fields) into the runtime's log.",
  input: WriteInput,
  output: Type.Object({}, { additionalProperties: false }),
  retries: 0,
  run: ({ level, message, fields }, ctx) => {
    ctx.log[level](message, { ...fields, processInstanceId: ctx.task.processInstanceId, activityId: ctx.task.activityId, businessKey: ctx.task.businessKey });
    return {};
  },
});
