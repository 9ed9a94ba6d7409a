import { isDeepStrictEqual } from 'node:util';

/** a failed expectation inside a scenario */
export class ScenarioFailure extends Error {}

export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new ScenarioFailure(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

export function expectTrue(cond: boolean, what: string): void {
  if (!cond) throw new ScenarioFailure(what);
}

export async function expectRejects(p: Promise<unknown>, pattern: RegExp | string, what: string): Promise<Error> {
  try {
    await p;
  } catch (e) {
    const msg = `${(e as { code?: string }).code ?? ''} ${(e as Error).message}`;
    if (typeof pattern === 'string' ? msg.includes(pattern) : pattern.test(msg)) return e as Error;
    throw new ScenarioFailure(`${what}: failed with an unexpected error: ${msg}`);
  }
  throw new ScenarioFailure(`${what}: expected a failure, but it succeeded`);
}
