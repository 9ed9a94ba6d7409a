import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isLzError, type DeploymentResult } from '@liuzhuan/engine';
import { expectEqual, expectTrue, ScenarioFailure } from '../expect.ts';
import { Harness } from '../harness.ts';
import type { Report } from '../report.ts';
import { MIWG_EXPECTATIONS, type MiwgExpectation } from './expectations.ts';

/** deployment errors that are a clear "no" (anything else is a crash) */
const CLEAR_CODES = /^LZ_ERR_(DEPLOY_INVALID|XML_[A-Z_]+)$/;

/**
 * The MIWG import check: every reference model and every tool export is deployed on its own
 * (one deployment per file, all on one engine), and the outcome is compared with the table in
 * expectations.ts. A deployed file must report its executable processes and, deployed again,
 * create no new version; a rejected file must name exactly the expected elements with a clear
 * LZ_ERR code.
 */
export async function runMiwg(folder: string, report: Report, only?: RegExp): Promise<void> {
  const onDisk = listModels(folder);
  const names = [...new Set([...onDisk, ...Object.keys(MIWG_EXPECTATIONS)])].sort();
  const selected = names.filter((n) => !only || only.test(n));
  if (selected.length === 0) return;
  const h = await Harness.create(folder);
  try {
    for (const file of selected) {
      await report.run('miwg', file, async () => {
        const expected = MIWG_EXPECTATIONS[file];
        if (!expected) throw new ScenarioFailure('no expectation for this file in miwg/expectations.ts');
        if (!existsSync(join(folder, file))) throw new ScenarioFailure('listed in miwg/expectations.ts but not in the corpus');
        await check(h, file, expected);
      });
    }
  } finally {
    await h.close();
  }
}

/** reference/*.bpmn and tools/**\/*.bpmn, relative to the miwg folder */
function listModels(folder: string): string[] {
  const reference = readdirSync(join(folder, 'reference')).filter((f) => f.endsWith('.bpmn')).map((f) => `reference/${f}`);
  const tools = (readdirSync(join(folder, 'tools'), { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.bpmn'))
    .map((f) => `tools/${f}`);
  return [...reference, ...tools];
}

async function check(h: Harness, file: string, expected: MiwgExpectation): Promise<void> {
  let result: DeploymentResult | null = null;
  let error: unknown = null;
  try {
    // raw bytes: the engine decodes by the XML declaration (ISO-8859-1 references)
    result = await h.deploy([file]);
  } catch (e) {
    error = e;
  }
  if (error !== null && !(isLzError(error) && CLEAR_CODES.test(error.code))) {
    const what = isLzError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    throw new ScenarioFailure(`deployment crashed instead of deploying or rejecting clearly: ${what.slice(0, 600)}`);
  }
  if (expected.outcome === 'deploys') {
    if (error !== null) throw new ScenarioFailure(`expected to deploy, rejected: ${short(error)}`);
    await checkDeployed(h, file, result!, expected.processes);
  } else {
    if (error === null) throw new ScenarioFailure(`expected a rejection, but it deployed ${JSON.stringify(result!.definitions.map((d) => d.key))}`);
    if (expected.outcome === 'rejected') checkRejected(error, expected.problems);
    else if (!isLzError(error, 'LZ_ERR_XML_MALFORMED') || !error.message.includes(expected.message)) {
      throw new ScenarioFailure(`expected LZ_ERR_XML_MALFORMED naming '${expected.message}', got ${short(error)}`);
    }
  }
}

async function checkDeployed(h: Harness, file: string, result: DeploymentResult, processes: string[]): Promise<void> {
  expectEqual(result.definitions.map((d) => d.key).sort(), [...processes].sort(), 'executable processes reported by the deployment');
  const before = await versionsOf(h, processes);
  const again = await h.deploy([file]);
  expectEqual(again.definitions.map((d) => [d.key, d.id, d.version]).sort(), result.definitions.map((d) => [d.key, d.id, d.version]).sort(), 'definitions of the same file deployed again');
  expectTrue(
    again.definitions.every((d) => !d.isNew),
    `deploying the same file again made new versions: ${again.definitions.filter((d) => d.isNew).map((d) => d.key).join(', ')}`,
  );
  expectEqual(await versionsOf(h, processes), before, 'versions per process after deploying the same file again');
}

async function versionsOf(h: Harness, keys: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const key of keys) out[key] = (await h.engine.getDefinitions({ key })).length;
  return out;
}

function checkRejected(error: unknown, expected: { elementId: string; message: string }[]): void {
  if (!isLzError(error, 'LZ_ERR_DEPLOY_INVALID')) throw new ScenarioFailure(`expected LZ_ERR_DEPLOY_INVALID naming the problems, got ${short(error)}`);
  const problems = (error.details.problems as { elementId: string; message: string }[] | undefined) ?? [];
  const missing = expected.filter((x) => !problems.some((p) => p.elementId === x.elementId && p.message.includes(x.message) && error.message.includes(x.elementId)));
  const ids = new Set(expected.map((x) => x.elementId));
  const extra = problems.filter((p) => !ids.has(p.elementId));
  if (missing.length > 0 || extra.length > 0) {
    const fmt = (list: { elementId: string; message: string }[]) => list.map((p) => `${p.elementId}: ${p.message}`).join(' | ');
    throw new ScenarioFailure(
      `${missing.length > 0 ? `not named: ${fmt(missing)}. ` : ''}${extra.length > 0 ? `unexpected problems: ${fmt(extra)}. ` : ''}engine said: ${error.message.slice(0, 800)}`,
    );
  }
}

function short(e: unknown): string {
  const code = (e as { code?: string }).code;
  const msg = e instanceof Error ? e.message : String(e);
  return `${code ? `${code} ` : ''}${msg}`.slice(0, 800);
}
