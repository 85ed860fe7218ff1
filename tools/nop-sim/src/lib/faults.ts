/**
 * Run-time fault injection. Every API request draws the same number of values from one seeded PRNG,
 * so a given seed and request sequence always produce the same bad day.
 */
export interface FaultSettings {
  /** Probability (0..1) of a 500 "deadlock victim" reply. */
  errorRate: number;
  /**
   * 'before': the request fails without touching state. 'after': the action runs (state changes), then
   * the 500 (or reset) comes back — the case that makes non-idempotent retries dangerous.
   */
  errorPhase: 'before' | 'after';
  /** Probability (0..1) that the socket is destroyed without a response. */
  resetRate: number;
  /** Extra latency per request: `latencyMs + uniform[0, latencyJitterMs)`. */
  latencyMs: number;
  latencyJitterMs: number;
  /** The next N API requests get the rate limiter's 503 (empty body, no Retry-After). */
  burst503: number;
  /**
   * nop 4.70's fixed-window rate limiter (`PermitLimit`, 1-minute window), partitioned by Host header
   * because the Web API leaves `User.Identity.Name` empty. null = off (nop's default). Not on 4.60.
   */
  rateLimit: { permitLimit: number; windowMs: number } | null;
  /** Apply faults only to paths containing this substring (case-insensitive); null = every API path. */
  pathFilter: string | null;
}

export const DEFAULT_FAULTS: FaultSettings = {
  errorRate: 0,
  errorPhase: 'before',
  resetRate: 0,
  latencyMs: 0,
  latencyJitterMs: 0,
  burst503: 0,
  rateLimit: null,
  pathFilter: null,
};

export interface FaultDecision {
  delayMs: number;
  reply503: boolean;
  error: 'none' | 'before' | 'after';
  reset: 'none' | 'before' | 'after';
  deadlockProcessId: number;
}

/** mulberry32: small, fast, good enough for reproducible fault schedules. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private settings: FaultSettings = { ...DEFAULT_FAULTS };
  private rng: () => number;
  private window = { startMs: 0, counts: new Map<string, number>() };
  /** How many faults were injected, by kind (for assertions and bench reports). */
  readonly injected = { error: 0, reset: 0, rate503: 0, delayed: 0 };

  constructor(
    private seedValue: number,
    private readonly rateLimiterAvailable: boolean,
    private readonly nowMs: () => number,
  ) {
    this.rng = mulberry32(seedValue);
  }

  get(): FaultSettings {
    return { ...this.settings, rateLimit: this.settings.rateLimit ? { ...this.settings.rateLimit } : null };
  }

  /** Merges the given settings into the current ones. */
  set(partial: Partial<FaultSettings>): FaultSettings {
    const next = { ...this.settings, ...partial };
    for (const key of ['errorRate', 'resetRate'] as const) {
      if (!(next[key] >= 0 && next[key] <= 1)) throw new RangeError(`${key} must be within 0..1`);
    }
    for (const key of ['latencyMs', 'latencyJitterMs', 'burst503'] as const) {
      if (!(Number.isFinite(next[key]) && next[key] >= 0)) throw new RangeError(`${key} must be >= 0`);
    }
    if (next.errorPhase !== 'before' && next.errorPhase !== 'after') throw new RangeError('errorPhase');
    if (next.rateLimit && !this.rateLimiterAvailable) {
      throw new RangeError('the rate limiter exists from nop 4.70 on');
    }
    this.settings = next;
    return this.get();
  }

  /** Back to no faults, and restart the PRNG (optionally with a new seed). */
  reset(seed?: number): void {
    this.settings = { ...DEFAULT_FAULTS };
    this.reseed(seed ?? this.seedValue);
    this.window = { startMs: 0, counts: new Map() };
    for (const k of Object.keys(this.injected) as (keyof typeof this.injected)[]) this.injected[k] = 0;
  }

  reseed(seed: number): void {
    this.seedValue = seed;
    this.rng = mulberry32(seed);
  }

  decide(path: string, host: string): FaultDecision {
    // Fixed draw order, whatever the settings, keeps schedules reproducible when settings change.
    const rJitter = this.rng();
    const rReset = this.rng();
    const rError = this.rng();
    const rPid = this.rng();
    const s = this.settings;
    const decision: FaultDecision = {
      delayMs: 0,
      reply503: false,
      error: 'none',
      reset: 'none',
      deadlockProcessId: 50 + Math.floor(rPid * 200),
    };
    if (this.rateLimited(host)) {
      decision.reply503 = true;
      this.injected.rate503++;
      return decision;
    }
    if (s.pathFilter && !path.toLowerCase().includes(s.pathFilter.toLowerCase())) return decision;
    if (s.burst503 > 0) {
      this.settings = { ...s, burst503: s.burst503 - 1 };
      decision.reply503 = true;
      this.injected.rate503++;
      return decision;
    }
    decision.delayMs = s.latencyMs + Math.floor(rJitter * s.latencyJitterMs);
    if (decision.delayMs > 0) this.injected.delayed++;
    if (rReset < s.resetRate) {
      decision.reset = s.errorPhase;
      this.injected.reset++;
    } else if (rError < s.errorRate) {
      decision.error = s.errorPhase;
      this.injected.error++;
    }
    return decision;
  }

  private rateLimited(host: string): boolean {
    const limit = this.settings.rateLimit;
    if (!limit || limit.permitLimit <= 0) return false;
    const now = this.nowMs();
    if (now - this.window.startMs >= limit.windowMs) this.window = { startMs: now, counts: new Map() };
    const used = this.window.counts.get(host) ?? 0;
    if (used >= limit.permitLimit) return true;
    this.window.counts.set(host, used + 1);
    return false;
  }
}
