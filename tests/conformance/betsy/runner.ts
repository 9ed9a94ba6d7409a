import { join } from 'node:path';
import { Harness } from '../harness.ts';
import { ScenarioFailure } from '../expect.ts';
import type { Report } from '../report.ts';
import { adaptBetsyModel } from './adapter.ts';
import { BETSY_TESTS, type BetsyCase } from './cases.ts';
import { BetsyTrace, placeholderEngine } from './placeholders.ts';

const TIMESTAMP_TOPICS = ['betsy.CREATE_TIMESTAMP_LOG_1', 'betsy.CREATE_TIMESTAMP_LOG_2'];
const WORKER = 'betsy-timestamp-worker';

/** Runs every betsy test of the corpus: one engine per model file, its cases one after another. */
export async function runBetsy(corpus: string, report: Report, only?: RegExp): Promise<void> {
  const folder = join(corpus, 'betsy');
  for (const test of BETSY_TESTS) {
    if (only && !only.test(test.file)) continue;
    const trace = new BetsyTrace();
    const h = await Harness.create(folder, { scriptEngines: { betsy: placeholderEngine(trace) } });
    let deployError: string | null = null;
    try {
      await h.deploy([test.file], (xml) => adaptBetsyModel(xml));
    } catch (e) {
      deployError = e instanceof Error ? e.message : String(e);
    }
    try {
      for (const [i, c] of test.cases.entries()) {
        await report.run('betsy', `${test.file} #${i + 1}`, async () => {
          const actual = deployError ? ['ERROR_deployment'] : await runCase(h, test.file, c, i + 1, trace);
          compare(actual, c.expected, deployError);
        });
      }
    } finally {
      await h.close();
    }
  }
}

async function runCase(h: Harness, file: string, c: BetsyCase, caseNumber: number, trace: BetsyTrace): Promise<string[]> {
  trace.reset();
  const main = file.split('/').pop()!.replace(/\.bpmn$/, '');
  const before = new Set((await h.engine.getHistoricInstances()).map((i) => i.id));
  const variables: Record<string, unknown> = { integerVariable: c.integerVariable ?? 0, testCaseNumber: caseNumber };
  if (c.test !== undefined) variables.test = c.test;
  const tokens: string[] = [];
  const stamps: Record<string, { start: number; end: number }> = {};
  try {
    if (c.parallelProcessFirst) await h.engine.startProcess('ParallelProcess');
    await h.engine.startProcess(main, { variables });
  } catch {
    tokens.push('ERROR_runtime');
  }
  await h.advance(0);
  // the two timestamp tasks of ParallelGateway_TrueParallelism: held at the same time, 10 s each
  const locked = await h.engine.fetchAndLock(WORKER, 10, TIMESTAMP_TOPICS.map((topicName) => ({ topicName, lockDuration: 60_000 })));
  if (locked.length > 0) {
    for (const t of locked) stamps[t.topicName] = { start: h.clock.now().getTime(), end: 0 };
    await h.advance(10_000);
    for (const t of locked) {
      stamps[t.topicName]!.end = h.clock.now().getTime();
      await h.engine.completeExternalTask(t.id, WORKER);
    }
  }
  await h.advance(c.waitMs ?? 0);
  const a = stamps[TIMESTAMP_TOPICS[0]!];
  const b = stamps[TIMESTAMP_TOPICS[1]!];
  if (a && b && ((a.start <= b.start && b.start < a.end) || (b.start <= a.start && a.start < b.end))) tokens.push('EXECUTION_parallel');
  const mine = (await h.engine.getHistoricInstances()).filter((i) => !before.has(i.id));
  if (mine.some((i) => i.errorCode !== null)) tokens.push('ERROR_thrownErrorEvent');
  for (const i of mine) {
    if (i.endTime === null && (await h.engine.getIncidents({ processInstanceId: i.id })).length > 0 && !tokens.includes('ERROR_runtime')) tokens.push('ERROR_runtime');
  }
  // leave nothing running into the next case
  for (const i of mine) if (i.endTime === null && (await h.running(i.id))) await h.engine.deleteProcessInstance(i.id, 'case over');
  // betsy's harness looks for the marker file only in tests that assert it: the called process of
  // Escalation_EndEvent_TopLevel sets the marker, but that test does not assert it
  const marker = trace.marker && c.expected.includes('MARKER_exists') ? ['MARKER_exists'] : [];
  return [...trace.lines, ...marker, ...tokens];
}

/** betsy compares sorted traces; `ERROR` stands for either a deployment or a run-time error */
function compare(actual: string[], expected: string[], deployError: string | null): void {
  const norm = (list: string[]) =>
    list.map((t) => (expected.includes('ERROR') && (t === 'ERROR_deployment' || t === 'ERROR_runtime') ? 'ERROR' : t)).sort();
  const a = norm(actual);
  const e = [...expected].sort();
  if (JSON.stringify(a) !== JSON.stringify(e)) {
    throw new ScenarioFailure(`expected [${e.join(', ')}], got [${a.join(', ')}]${deployError ? ` — deploy: ${deployError.slice(0, 300)}` : ''}`);
  }
}
