import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import { PluginHost, PluginLoadError } from '../../src/services/plugin-host/index.ts';
import { ADMIN_PASSWORD, createTestApp, openTestDb, type TestApp } from '../helpers/test-app.ts';
import { probeRuns } from './fixtures/good/probe/src/index.ts';
import { waitUntil } from './wait-until.ts';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const REPO_PLUGINS = resolve(import.meta.dirname, '../../../plugins');

const PROBE_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="probe_defs" targetNamespace="http://liuzhuan.test">
  <bpmn:process id="probe-flaky" isExecutable="true">
    <bpmn:startEvent id="s1" />
    <bpmn:sequenceFlow id="a1" sourceRef="s1" targetRef="flaky" />
    <bpmn:serviceTask id="flaky" camunda:type="external" camunda:topic="probe.flaky" />
    <bpmn:sequenceFlow id="a2" sourceRef="flaky" targetRef="e1" />
    <bpmn:endEvent id="e1" />
  </bpmn:process>
  <bpmn:process id="probe-wait" isExecutable="true">
    <bpmn:startEvent id="s2" />
    <bpmn:sequenceFlow id="b1" sourceRef="s2" targetRef="wait" />
    <bpmn:serviceTask id="wait" camunda:type="external" camunda:topic="probe.wait" />
    <bpmn:sequenceFlow id="b2" sourceRef="wait" targetRef="done" />
    <bpmn:userTask id="done" />
  </bpmn:process>
</bpmn:definitions>`;

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  probeRuns.length = 0;
});

async function load(env: Record<string, string>): Promise<PluginHost> {
  t ??= await createTestApp({ PLUGINS: 'none' });
  const c = readConfig({ ADMIN_PASSWORD, ...env });
  return PluginHost.load(t.app.engine, { plugins: c.plugins, pluginsDir: c.pluginsDir, pluginsDirGiven: c.pluginsDirGiven, concurrency: 2, pollMs: 1000, env: c.pluginEnv }, t.app.fastify.log);
}

async function loadError(env: Record<string, string>): Promise<string> {
  const e = await load(env).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PluginLoadError);
  return (e as Error).message;
}

describe('plugin discovery at boot', () => {
  it('stops the start with every problem of the plugin packages', async () => {
    // given a folder with a plugin whose topic is not its own and one whose entry is missing
    const { db, drop } = await openTestDb();
    try {
      // when
      const failed = await buildApp(readConfig({ ADMIN_PASSWORD, PLUGINS_DIR: resolve(FIXTURES, 'broken') }), { db }).then(
        () => null,
        (e: unknown) => e as Error,
      );
      // then
      expect(failed).toBeInstanceOf(PluginLoadError);
      expect(failed!.message).toContain("@fixture/bad-topic (");
      expect(failed!.message).toContain("task 'other.thing': the topic must be 'bad-topic.<action>'");
      expect(failed!.message).toContain('@fixture/no-entry (');
      expect(failed!.message).toContain('the entry ./src/missing.ts is not a file inside the package');
      expect(failed!.message).not.toContain('not-a-plugin');
    } finally {
      await drop();
    }
  });

  it('names a dependency that is not loaded, an unknown name in PLUGINS, a missing folder and bad settings', async () => {
    expect(await loadError({ PLUGINS_DIR: resolve(FIXTURES, 'unmet') })).toBe("plugins: plugin 'needs-ghost' depends on 'ghost', which is not installed");
    expect(await loadError({ PLUGINS_DIR: REPO_PLUGINS, PLUGINS: 'http,ghost' })).toBe("plugins: PLUGINS names 'ghost', but no such plugin was found (found: entity, http, log, mail)");
    expect(await loadError({ PLUGINS_DIR: resolve(FIXTURES, 'nowhere') })).toBe(`plugins: the plugins folder ${resolve(FIXTURES, 'nowhere')} (PLUGINS_DIR) does not exist`);
    expect(await loadError({ PLUGINS_DIR: REPO_PLUGINS, MAIL_SMTP_PORT: 'twenty-five' })).toBe("plugins: plugin 'mail': bad settings: 'port' must be integer");
  });

  it('loads the repository plugins by default, only the named ones with PLUGINS, none with PLUGINS=none', async () => {
    expect((await load({})).plugins.map((p) => p.definition.name)).toEqual(['entity', 'http', 'log', 'mail']);
    expect((await load({ PLUGINS: 'log, http' })).topics).toEqual(['http.request', 'log.write']);
    // none: nothing is even looked for
    const none = await load({ PLUGINS: 'none', PLUGINS_DIR: resolve(FIXTURES, 'nowhere') });
    expect(none.plugins).toEqual([]);
    expect((await t!.admin({ method: 'GET', url: '/api/plugins' })).json()).toEqual([]);
  });

  it('rejects a bad PLUGINS setting at config time', () => {
    expect(() => readConfig({ PLUGINS: 'http,Mail Server' })).toThrow("PLUGINS must be 'all', 'none' or a comma list of plugin names; 'Mail Server' is not a plugin name");
    expect(() => readConfig({ PLUGIN_CONCURRENCY: '0' })).toThrow('PLUGIN_CONCURRENCY must be a whole number from 1 to 256');
  });
});

describe('the plugin worker', () => {
  async function probeApp(env: Record<string, string> = {}): Promise<TestApp> {
    t = await createTestApp({ PLUGINS_DIR: resolve(FIXTURES, 'good'), PLUGIN_POLL_MS: '50', ...env });
    await t.app.engine.deploy([{ name: 'probe.bpmn', content: PROBE_BPMN }]);
    t.app.plugins.start();
    return t;
  }

  it('retries a failing task with backoff and raises an incident when no retries are left', async () => {
    // given probe.flaky: 2 retries, 50 ms backoff
    const app = await probeApp();
    // when
    const pi = await app.app.engine.startProcess('probe-flaky');
    // then
    const incident = await waitUntil('an incident', async () => (await app.app.engine.getIncidents({ processInstanceId: pi.id }))[0]);
    expect(incident).toMatchObject({ incidentType: 'failedExternalTask', activityId: 'flaky', incidentMessage: 'probe.flaky: the probe service is down' });
    expect(probeRuns.map((r) => r.retries)).toEqual([null, 1]);
    const [task] = await app.app.engine.getExternalTasks({ processInstanceId: pi.id });
    expect(task).toMatchObject({ retries: 0, errorMessage: 'probe.flaky: the probe service is down', workerId: null });
    // an admin giving retries back makes the host work it again
    await app.app.engine.setExternalTaskRetries(task!.id, 1);
    await waitUntil('a third attempt', () => probeRuns.length === 3);
    expect(probeRuns[2]!.retries).toBe(1);
  });

  it('lets a task in hand finish when it stops', async () => {
    // given a task that takes 300 ms, in the host's hand
    const app = await probeApp();
    const pi = await app.app.engine.startProcess('probe-wait', { variables: { ms: 300 } });
    await waitUntil('the task to be locked', () => probeRuns.length === 1);
    // when
    await app.app.plugins.stop();
    // then it completed before stop() returned
    expect(await app.app.engine.getTasks({ processInstanceId: pi.id })).toEqual([expect.objectContaining({ taskDefinitionKey: 'done' })]);
    expect(await app.app.engine.getVariables(pi.id)).toMatchObject({ waited: 300 });
  });

  it('unlocks a task still in hand after the grace time, so another worker can take it', async () => {
    // given a task that would take a minute, and a 100 ms grace time
    const app = await probeApp({ PLUGIN_STOP_GRACE_MS: '100' });
    const pi = await app.app.engine.startProcess('probe-wait', { variables: { ms: 60_000 } });
    await waitUntil('the task to be locked', () => probeRuns.length === 1);
    // when
    await app.app.plugins.stop();
    // then
    expect(probeRuns[0]!.aborted).toBe('the runtime is stopping');
    expect(await app.app.engine.getExternalTasks({ processInstanceId: pi.id })).toEqual([expect.objectContaining({ workerId: null, lockExpirationTime: null })]);
    const got = await app.app.engine.fetchAndLock('remote-worker', 1, [{ topicName: 'probe.wait', lockDuration: 1000 }]);
    expect(got.map((g) => g.processInstanceId)).toEqual([pi.id]);
  });

  it('stops a run whose lock was lost and reports nothing for it', async () => {
    // given a long task in the host's hand (lock 1 s, extended every 500 ms)
    const app = await probeApp();
    const pi = await app.app.engine.startProcess('probe-wait', { variables: { ms: 60_000 } });
    await waitUntil('the task to be locked', () => probeRuns.length === 1);
    // when the lock is taken away and a remote worker gets the task
    const [task] = await app.app.engine.getExternalTasks({ processInstanceId: pi.id });
    await app.app.engine.unlockExternalTask(task!.id);
    const got = await app.app.engine.fetchAndLock('remote-worker', 1, [{ topicName: 'probe.wait', lockDuration: 60_000 }]);
    expect(got).toHaveLength(1);
    // then the host's run is aborted at its next lock extension, and the remote worker completes
    await waitUntil('the run to be aborted', () => probeRuns[0]!.aborted !== undefined, 5000);
    expect(probeRuns[0]!.aborted).toMatch(/^lock lost: /);
    await app.app.engine.completeExternalTask(task!.id, 'remote-worker', { waited: -1 });
    expect(await app.app.engine.getVariables(pi.id)).toMatchObject({ waited: -1 });
  });
});
