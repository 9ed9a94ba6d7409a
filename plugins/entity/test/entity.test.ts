import { describe, expect, it } from 'vitest';
import { checkPlugin, invokeTask } from '@liuzhuan/plugin-sdk';
import plugin from '../src/index.ts';
import { create } from '../src/create.task.ts';
import { query } from '../src/query.task.ts';

describe('the entity plugin', () => {
  it('is a well-formed plugin with the four topics', () => {
    expect(checkPlugin(plugin)).toEqual([]);
    expect(plugin.tasks.map((t) => t.topic)).toEqual(['entity.create', 'entity.update', 'entity.get', 'entity.query']);
  });

  it('fails at once, not retried, where the runtime lends no entity store (a remote worker)', async () => {
    // when
    const outcome = await invokeTask(create, { type: 'customer', data: { name: 'Anna' } }, { task: { topicName: 'entity.create' } });
    // then
    expect(outcome).toEqual({ kind: 'failed', retryable: false, message: 'entity.create needs the entity store of the Liuzhuan runtime; it cannot run in a remote worker' });
  });

  it('rejects a bad type name or filter before touching the store', async () => {
    expect(await invokeTask(create, { type: 'Customer!', data: {} })).toMatchObject({ kind: 'failed', retryable: false, message: expect.stringMatching(/^invalid input for entity\.create: 'type' must match pattern/) });
    expect(await invokeTask(query, { type: 'customer', filters: [{ field: 'tier', op: 'like', value: 'g%' }] })).toMatchObject({
      kind: 'failed',
      retryable: false,
      message: "invalid input for entity.query: 'filters[0].op' must be one of eq, ne, in, lt, lte, gt, gte, contains, exists, search",
    });
  });
});
