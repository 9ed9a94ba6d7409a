import type { PacksReport } from './index.ts';

/** what server.ts prints about the packs under its URL: one line per pack, the demo users, warnings */
export function packBanner(report: PacksReport, opts: { demoPasswordGiven: boolean }): string[] {
  const lines: string[] = [];
  for (const p of report.packs) {
    const name = p.name['zh-CN'] ?? p.name.en ?? Object.values(p.name)[0];
    const fresh = p.newVersions.length;
    lines.push(`  pack ${p.id} ${p.version} (${name}): ${p.definitions.length} processes${fresh > 0 ? `, ${fresh} new version${fresh === 1 ? '' : 's'}` : ', unchanged'}`);
    if (p.seed) {
      const sample = p.seed.users.slice(0, 3).join(', ');
      // (worded without "the password": the admin's first-start line is the one that says that)
      const password = opts.demoPasswordGiven ? 'log in with DEMO_PASSWORD' : "log in with 'demo'";
      lines.push(`    demo: ${p.seed.users.length} users (${sample}, …) ${p.seed.applied ? `seeded now, ${password}` : 'seeded at an earlier start'}; DEMO=off leaves them out`);
    }
  }
  for (const w of report.warnings) lines.push(`  warning: ${w}`);
  return lines;
}
