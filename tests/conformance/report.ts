/** one line per case, and the totals at the end */
export interface CaseResult {
  suite: string;
  name: string;
  ok: boolean;
  detail?: string;
  ms: number;
}

export class Report {
  readonly results: CaseResult[] = [];

  add(r: CaseResult): void {
    this.results.push(r);
    const mark = r.ok ? 'PASS' : 'FAIL';
    console.log(`${mark} ${r.suite} ${r.name} (${r.ms} ms)${r.ok || !r.detail ? '' : `\n     ${r.detail}`}`);
  }

  async run(suite: string, name: string, fn: () => Promise<void>): Promise<void> {
    const t = Date.now();
    try {
      await fn();
      this.add({ suite, name, ok: true, ms: Date.now() - t });
    } catch (e) {
      this.add({ suite, name, ok: false, detail: e instanceof Error ? e.message : String(e), ms: Date.now() - t });
    }
  }

  summary(): { passed: number; failed: number } {
    const failed = this.results.filter((r) => !r.ok).length;
    return { passed: this.results.length - failed, failed };
  }
}
