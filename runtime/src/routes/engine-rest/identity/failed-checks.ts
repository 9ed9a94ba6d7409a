import { HttpError } from '../../../infra/errors.ts';

/** the limit HTTP Basic and the login route apply: 10 failed password checks a minute per address */
export const FAILED_CHECKS_PER_MINUTE = 10;

/**
 * Failed password checks per client address. A route that checks a password someone sends
 * (POST /identity/verify, a credentials change) is a login too: without a limit it would let
 * anyone guess passwords as fast as they can send requests.
 */
export class FailedChecks {
  private readonly failures = new Map<string, { until: number; n: number }>();

  constructor(
    private readonly max = FAILED_CHECKS_PER_MINUTE,
    private readonly windowMs = 60_000,
  ) {}

  /** 429 while the address has used up its failures */
  check(ip: string): void {
    const f = this.failures.get(ip);
    if (f && f.until > Date.now() && f.n >= this.max) throw new HttpError(429, 'TooManyRequests', 'too many failed password checks from this address; wait a minute');
  }

  failed(ip: string): void {
    const f = this.failures.get(ip);
    if (this.failures.size > 10_000) this.failures.clear();
    if (!f || f.until <= Date.now()) this.failures.set(ip, { until: Date.now() + this.windowMs, n: 1 });
    else f.n += 1;
  }
}
