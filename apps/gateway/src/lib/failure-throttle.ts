import type { AuthFailureRepository } from '@pcknop/staging-store';

export interface FailureThrottleOptions {
  /** Failures (per login and per address) in the window answered without delay (default 5). */
  freeFailures?: number;
  /** Window in which failures are counted (default 15 min). */
  windowMs?: number;
  /** First delay once over the allowance; doubles per further failure (default 250 ms). */
  baseDelayMs?: number;
  /** Longest delay (default 10 s): bounded, so PCK's own HTTP timeout is never hit. */
  maxDelayMs?: number;
}

/** Forget ended windows about once per this many failures (keeps the table small under a flood of addresses). */
const PRUNE_EVERY = 500;

/**
 * Slows down password guessing. Every wrong password is counted in PostgreSQL against its login AND its source
 * address (so all gateway workers and replicas see one count, and rotating addresses does not help against one
 * login); once either count is over the allowance, that failed answer is held back, longer for each further
 * failure, and parallel guesses each wait (each gets its own count). Only failed answers wait: a right password
 * is checked and answered at once, whatever the counters say, so a till with the right password is never locked
 * out — and no success resets a counter, so the till's successes do not help a guesser.
 */
export class FailureThrottle {
  private readonly o: Required<FailureThrottleOptions>;
  private failuresSincePrune = 0;

  constructor(
    private readonly counters: Pick<AuthFailureRepository, 'recordFailure' | 'prune'>,
    options: FailureThrottleOptions = {},
  ) {
    this.o = {
      freeFailures: options.freeFailures ?? 5,
      windowMs: options.windowMs ?? 15 * 60_000,
      baseDelayMs: options.baseDelayMs ?? 250,
      maxDelayMs: options.maxDelayMs ?? 10_000,
    };
  }

  /** How long to hold the answer to the `failures`-th failure of the window. */
  delayAfter(failures: number): number {
    if (failures <= this.o.freeFailures) return 0;
    return Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (failures - this.o.freeFailures - 1));
  }

  /**
   * Counts one wrong password for `login` from `address`; resolves to how long to hold its answer. When the counters
   * cannot be written (database trouble), the longest delay: a guesser gains nothing from an outage.
   */
  async failed(login: number, address: string): Promise<number> {
    let worst: number;
    try {
      const counts = await this.counters.recordFailure(
        [
          { scope: 'login', subject: String(login) },
          { scope: 'address', subject: address },
        ],
        this.o.windowMs,
      );
      worst = Math.max(0, ...counts.map((c) => c.failures));
    } catch {
      return this.o.maxDelayMs;
    }
    if (++this.failuresSincePrune >= PRUNE_EVERY) {
      this.failuresSincePrune = 0;
      void this.counters.prune(this.o.windowMs).catch(() => undefined);
    }
    return this.delayAfter(worst);
  }
}
