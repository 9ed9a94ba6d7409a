/** a problem with the packs found at boot; the message lists every problem, each naming its file */
export class PackLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? `packs: ${problems[0]}` : `packs: ${problems.length} problems\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackLoadError';
  }
}
