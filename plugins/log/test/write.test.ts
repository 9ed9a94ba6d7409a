import { describe, expect, it } from 'vitest';
import { checkPlugin, invokeTask, type TaskLogger } from '@liuzhuan/plugin-sdk';
import plugin from '../src/index.ts';
import { write } from '../src/write.task.ts';

function collector() {
  const lines: { level: string; message: string; fields: Record<string, unknown> | undefined }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  const log: TaskLogger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { lines, log };
}

describe('log.write', () => {
  it('is a well-formed plugin', () => {
    expect(checkPlugin(plugin)).toEqual([]);
  });

  it('writes the message at the level, with the fields and where it came from', async () => {
    // given
    const { lines, log } = collector();
    const task = { processInstanceId: 'pi-1', activityId: 'note', businessKey: 'ORDER-7' };
    // when
    const warn = await invokeTask(write, { level: 'warn', message: 'stock low', fields: { sku: 'A', left: 2 } }, { log, task });
    const info = await invokeTask(write, { message: 'plain' }, { log, task });
    // then
    expect(warn).toEqual({ kind: 'completed', variables: {} });
    expect(info).toEqual({ kind: 'completed', variables: {} });
    expect(lines).toEqual([
      { level: 'warn', message: 'stock low', fields: { sku: 'A', left: 2, processInstanceId: 'pi-1', activityId: 'note', businessKey: 'ORDER-7' } },
      { level: 'info', message: 'plain', fields: { processInstanceId: 'pi-1', activityId: 'note', businessKey: 'ORDER-7' } },
    ]);
  });

  it('rejects an unknown level or an empty message', async () => {
    const { lines, log } = collector();
    expect(await invokeTask(write, { level: 'loud', message: '' }, { log })).toEqual({
      kind: 'failed',
      retryable: false,
      message: "invalid input for log.write: 'level' must be one of debug, info, warn, error; 'message' must not have fewer than 1 characters",
    });
    expect(lines).toEqual([]);
  });
});
