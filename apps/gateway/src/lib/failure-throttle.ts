export interface FailureThrottleOptions {
  /** Failures allowed in the window before answers slow down (default 5). */
  freeFailures?: number;
  /** Window in which failures are counted (default 15 min). */
  windowMs?: number;
  /** First delay once over the allowance; doubles per further failure (default 250 ms). */
  baseDelayMs?: number;
  /** Longest delay (default 10 s): bounded, so PCK's own HTTP timeout is never hit. */
  maxDelayMs?: number;
  /** Sources tracked at most (oldest forgotten first), so a flood cannot exhaust memory. */
  maxSources?: number;
  now?: () => number;
}

interface Entry {
  failures: number;
  firstAt: number;
}

/**
 * Slows down repeated wrong credentials from one source (IP address): the first few answer at once, then each
 * further failure waits longer, up to a cap. A success from the source clears its record.
 */
export class FailureThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly o: Required<Omit<FailureThrottleOptions, 'now'>>;
  private readonly now: () => number;

  constructor(options: FailureThrottleOptions = {}) {
    this.o = {
      freeFailures: options.freeFailures ?? 5,
      windowMs: options.windowMs ?? 15 * 60_000,
      baseDelayMs: options.baseDelayMs ?? 250,
      maxDelayMs: options.maxDelayMs ?? 10_000,
      maxSources: options.maxSources ?? 10_000,
    };
    this.now = options.now ?? Date.now;
  }

  private current(source: string): Entry | undefined {
    const e = this.entries.get(source);
    if (e && this.now() - e.firstAt > this.o.windowMs) {
      this.entries.delete(source);
      return undefined;
    }
    return e;
  }

  /** How long to hold the answer to a request from `source` (0 = not throttled). */
  delayFor(source: string): number {
    const e = this.current(source);
    if (!e || e.failures < this.o.freeFailures) return 0;
    return Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (e.failures - this.o.freeFailures));
  }

  recordFailure(source: string): void {
    const e = this.current(source);
    if (e) {
      e.failures += 1;
      return;
    }
    if (this.entries.size >= this.o.maxSources) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(source, { failures: 1, firstAt: this.now() });
  }

  recordSuccess(source: string): void {
    this.entries.delete(source);
  }
}
