import { describe, expect, it } from 'vitest';
import { checkPlugin, definePlugin, defineTask, describeErrors, inputFromVariables, invokeTask, resolveConfig, TaskFailure, Type, validate } from '../src/index.ts';

const Config = Type.Object({ greeting: Type.String({ default: 'hello' }), loud: Type.Boolean({ default: false }) });

const greet = defineTask({
  topic: 'hello.greet',
  version: 1,
  label: 'Greet someone',
  config: Config,
  input: Type.Object({ name: Type.String({ minLength: 1 }), times: Type.Integer({ minimum: 1, default: 1 }) }, { additionalProperties: false }),
  output: Type.Object({ text: Type.String() }),
  run: ({ name, times }, ctx) => {
    if (name === 'error') ctx.bpmnError('NO_NAME', 'no such person', { who: name });
    if (name === 'fail') ctx.fail('not today', { retryable: false, details: 'd' });
    if (name === 'crash') throw new Error('boom');
    const text = Array.from({ length: times }, () => `${ctx.config.greeting} ${name}`).join(', ');
    return { text: ctx.config.loud ? text.toUpperCase() : text };
  },
});

const plugin = definePlugin({ name: 'hello', version: '1.0.0', config: { schema: Config, fromEnv: (env) => ({ greeting: env.HELLO_GREETING }) }, tasks: [greet] });

describe('checkPlugin', () => {
  it('accepts a well-formed plugin', () => {
    expect(checkPlugin(plugin)).toEqual([]);
  });

  it('names each problem of a bad declaration', () => {
    // given
    const bad = definePlugin({
      name: 'Bad Name',
      version: '',
      tasks: [
        { ...greet, topic: 'other.greet' },
        { ...greet, topic: 'other.greet', version: 0, label: '' },
        { ...greet, topic: 'Bad Name.x', input: Type.String() as never, output: Type.Object({ n: Type.Integer({ default: 'x' as never }) }) },
      ],
    });
    // when
    const problems = checkPlugin(bad);
    // then
    expect(problems).toContain("name 'Bad Name' must be lower-case letters, digits and dashes");
    expect(problems).toContain('version must be a non-empty string');
    expect(problems).toContain("task 'other.greet': the topic must be 'Bad Name.<action>'");
    expect(problems).toContain("task 'other.greet': is declared twice");
    expect(problems).toContain("task 'other.greet': version must be a whole number ≥ 1");
    expect(problems).toContain("task 'other.greet': label is required");
    expect(problems).toContain("task 'Bad Name.x': input must be an object schema (Type.Object)");
    expect(problems).toContain("task 'Bad Name.x': output: the default of 'n' does not match its own schema");
    expect(problems).toContain("task 'other.greet': config must be the plugin's config schema");
  });

  it('rejects what definePlugin did not make, and a plugin without tasks', () => {
    expect(checkPlugin({ name: 'x', version: '1', tasks: [] })).toEqual(['the entry must default-export definePlugin({ … })']);
    expect(checkPlugin(definePlugin({ name: 'x', version: '1', tasks: [] }))).toEqual(['tasks must list at least one defineTask(…)']);
  });
});

describe('validate and describeErrors', () => {
  const S = Type.Object(
    {
      url: Type.String({ format: 'uri' }),
      method: Type.Union([Type.Literal('GET'), Type.Literal('POST')], { default: 'GET' }),
      to: Type.Union([Type.String(), Type.Array(Type.String({ format: 'email' }))]),
      headers: Type.Optional(Type.Record(Type.String(), Type.String())),
    },
    { additionalProperties: false },
  );

  it('fills in defaults without touching the given value', () => {
    const given = { url: 'http://x.test/', to: 'a@b.test' };
    expect(validate(S, given)).toEqual({ ok: true, value: { url: 'http://x.test/', to: 'a@b.test', method: 'GET' } });
    expect(given).toEqual({ url: 'http://x.test/', to: 'a@b.test' });
  });

  it('names the field in every message', () => {
    expect(validate(S, {}, 'input')).toEqual({ ok: false, errors: ["'url' is required", "'to' is required"] });
    expect(describeErrors(S, { url: 'nope', method: 'PUT', extra: true }, 'input')).toEqual([
      "'to' is required",
      "'extra' is not a known field",
      "'url' must match format \"uri\"",
      "'method' must be one of GET, POST",
    ]);
    expect(describeErrors(S, { url: 'http://x.test/', method: 'GET', to: ['a@b.test', 'bad'], headers: { a: 1 } }, 'input')).toEqual([
      "'to[1]' must match format \"email\"",
      "'headers.a' must be string",
    ]);
    expect(validate(S, { url: 'http://x.test/', to: 5 }, 'input')).toEqual({ ok: false, errors: ["'to' must be string or array"] });
  });

  it('sums up a union even when TypeBox stopped before the union error itself', () => {
    const letters = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;
    const U = Type.Object({ n: Type.Integer(), letter: Type.Union(letters.map((l) => Type.Literal(l))) });
    expect(describeErrors(U, { n: 'x', letter: 'z' })).toEqual(["'n' must be integer", "'letter' must be one of a, b, c, d, e, f, g, h"]);
  });
});

describe('inputFromVariables', () => {
  it('picks the declared fields by name; null counts as absent unless allowed', () => {
    const S = Type.Object({ a: Type.String(), b: Type.Optional(Type.String()), c: Type.Union([Type.Null(), Type.Integer()]) });
    expect(inputFromVariables(S, { a: 'x', b: null, c: null, other: 1 })).toEqual({ a: 'x', c: null });
  });
});

describe('invokeTask', () => {
  const config = { greeting: 'hi', loud: false };

  it('runs with defaults filled in and returns the output as variables', async () => {
    expect(await invokeTask(greet, { name: 'Ann', times: 2 }, { config })).toEqual({ kind: 'completed', variables: { text: 'hi Ann, hi Ann' } });
    expect(await invokeTask(greet, { name: 'Bo' }, { config })).toEqual({ kind: 'completed', variables: { text: 'hi Bo' } });
  });

  it('turns invalid input into a failure that retrying cannot help, naming the field', async () => {
    const out = await invokeTask(greet, { name: '', times: 'x' }, { config });
    expect(out).toEqual({ kind: 'failed', retryable: false, message: "invalid input for hello.greet: 'name' must not have fewer than 1 characters; 'times' must be integer" });
  });

  it('reports BPMN errors, failures and crashes apart', async () => {
    expect(await invokeTask(greet, { name: 'error' }, { config })).toEqual({ kind: 'bpmn-error', code: 'NO_NAME', message: 'no such person', variables: { who: 'error' } });
    expect(await invokeTask(greet, { name: 'fail' }, { config })).toEqual({ kind: 'failed', message: 'not today', retryable: false, details: 'd' });
    const crash = await invokeTask(greet, { name: 'crash' }, { config });
    expect(crash).toMatchObject({ kind: 'failed', message: 'hello.greet: boom', retryable: true });
  });

  it('checks the output', async () => {
    const bad = defineTask({ ...greet, run: () => ({ text: 5 }) as never });
    expect(await invokeTask(bad, { name: 'x' }, { config })).toEqual({ kind: 'failed', retryable: false, message: "hello.greet returned invalid output: 'text' must be string" });
  });

  it('says aborted when the signal stopped the work', async () => {
    const slow = defineTask({
      ...greet,
      run: (_i, ctx) =>
        new Promise<never>((_r, reject) => ctx.signal.addEventListener('abort', () => reject(new TaskFailure('stopped')))),
    });
    const ac = new AbortController();
    const pending = invokeTask(slow, { name: 'x' }, { config, signal: ac.signal });
    ac.abort(new Error('lock lost'));
    expect(await pending).toEqual({ kind: 'aborted', reason: 'lock lost' });
  });
});

describe('resolveConfig', () => {
  it('reads the environment and fills in defaults', () => {
    expect(resolveConfig(plugin, { HELLO_GREETING: 'hey' })).toEqual({ ok: true, value: { greeting: 'hey', loud: false } });
    expect(resolveConfig(plugin, {})).toEqual({ ok: true, value: { greeting: 'hello', loud: false } });
  });

  it('says which setting is wrong', () => {
    const strict = definePlugin({ ...plugin, config: { schema: Config, fromEnv: () => ({ loud: 'very' }) } });
    expect(resolveConfig(strict, {})).toEqual({ ok: false, errors: ["'loud' must be boolean"] });
  });
});
