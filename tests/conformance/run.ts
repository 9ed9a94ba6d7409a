import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runBetsy } from './betsy/runner.ts';
import { BPMN_ENGINE_SCENARIOS } from './bpmn-engine/index.ts';
import { CAMUNDA_SCENARIOS } from './camunda/index.ts';
import { runMiwg } from './miwg/runner.ts';
import { runScenarios } from './scenario.ts';
import { join } from 'node:path';
import { Report } from './report.ts';

/**
 * `pnpm conformance <corpus-dir> [--only <regex>] [--suite betsy,camunda,...]`
 * Runs the external corpus against the engine and prints passed/failed per case.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--only' && args[args.indexOf(a) - 1] !== '--suite');
  if (!dir) {
    console.error('usage: pnpm conformance <corpus-dir> [--only <regex>] [--suite betsy,camunda,bpmn-engine,miwg]');
    process.exit(2);
  }
  const corpus = resolve(process.env.INIT_CWD ?? process.cwd(), dir);
  if (!existsSync(corpus)) {
    console.error(`no corpus at ${corpus}`);
    process.exit(2);
  }
  const onlyArg = args.indexOf('--only') >= 0 ? args[args.indexOf('--only') + 1] : undefined;
  const only = onlyArg ? new RegExp(onlyArg) : undefined;
  const suites = (args.indexOf('--suite') >= 0 ? args[args.indexOf('--suite') + 1]! : 'betsy,camunda,bpmn-engine,miwg').split(',');
  const report = new Report();
  const started = Date.now();
  console.log(`conformance: ${corpus} on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`);
  if (suites.includes('betsy')) await runBetsy(corpus, report, only);
  if (suites.includes('camunda')) await runScenarios('camunda', join(corpus, 'camunda'), CAMUNDA_SCENARIOS, report, only);
  if (suites.includes('bpmn-engine')) await runScenarios('bpmn-engine', join(corpus, 'bpmn-engine'), BPMN_ENGINE_SCENARIOS, report, only);
  if (suites.includes('miwg')) await runMiwg(join(corpus, 'miwg'), report, only);
  const { passed, failed } = report.summary();
  console.log(`\n${passed} passed, ${failed} failed, ${passed + failed} cases in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
