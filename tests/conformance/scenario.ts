import { join } from 'node:path';
import type { EngineOptions } from '@liuzhuan/engine';
import { Harness } from './harness.ts';
import type { Report } from './report.ts';

/**
 * One encoded scenario of a corpus CASES.md: the files it deploys (read from the corpus
 * folder, never copied into the repo), engine options (e.g. handlers standing in for Java
 * delegates), and the steps with their expectations.
 */
export interface Scenario {
  /** e.g. 'camunda #5 ParallelGatewayTest.testForkJoin' */
  name: string;
  /** corpus files, relative to the suite's folder */
  files: string[];
  options?: Partial<EngineOptions>;
  /** deploy the files before run() (default true) */
  deploy?: boolean;
  run(h: Harness): Promise<void>;
}

export function scenario(s: Scenario): Scenario {
  return s;
}

export async function runScenarios(suite: string, folder: string, scenarios: Scenario[], report: Report, only?: RegExp): Promise<void> {
  for (const s of scenarios) {
    if (only && !only.test(s.name)) continue;
    await report.run(suite, s.name, async () => {
      const h = await Harness.create(join(folder), s.options ?? {});
      try {
        if (s.deploy !== false) await h.deploy(s.files);
        await s.run(h);
      } finally {
        await h.close();
      }
    });
  }
}
