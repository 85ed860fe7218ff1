/** What a flush policy sees of one tenant's queue. */
export interface QueueState {
  /** Whose queue (a policy may hold per-tenant settings); absent where only one queue is asked about. */
  tenantId?: string;
  /** Due now (not leased, not backing off, not dead). */
  due: number;
  oldestPendingSince: Date | null;
  newestChangeAt: Date | null;
}

export interface FlushDecision {
  flush: boolean;
  /** Why (metrics, logs). */
  reason: 'maxDelay' | 'maxSize' | 'quiet' | 'wait' | 'empty';
}

/** Decides when a tenant's pending changes go to the shop. */
export interface FlushPolicy {
  decide(state: QueueState, nowMs: number): FlushDecision;
  /** Most entities in one batch of a tenant (the fairness cap). */
  readonly maxBatchSize: number;
  /** The cap for one tenant, when it has its own (default `maxBatchSize`). */
  maxBatchSizeOf?(tenantId: string): number;
}

export interface DelaySizeQuietOptions {
  /** A batch goes when the oldest pending change is this old (BATCH_MAX_DELAY_MS, default 5000). */
  maxDelayMs?: number;
  /** …or when this many are due (BATCH_MAX_SIZE, default 500); also the per-tenant batch cap. */
  maxBatchSize?: number;
  /** …or when nothing new arrived for this long (BATCH_QUIET_MS, default 1000). */
  quietMs?: number;
}

/** Max delay, max size or quiet period, whichever comes first. */
export class DelaySizeQuietPolicy implements FlushPolicy {
  readonly maxDelayMs: number;
  readonly maxBatchSize: number;
  readonly quietMs: number;

  constructor(options: DelaySizeQuietOptions = {}) {
    this.maxDelayMs = options.maxDelayMs ?? 5000;
    this.maxBatchSize = options.maxBatchSize ?? 500;
    this.quietMs = options.quietMs ?? 1000;
  }

  decide(state: QueueState, nowMs: number): FlushDecision {
    if (state.due <= 0) return { flush: false, reason: 'empty' };
    if (state.due >= this.maxBatchSize) return { flush: true, reason: 'maxSize' };
    // Retries that came due have no pending_since of their own beyond the first change: they go at once.
    if (!state.oldestPendingSince || nowMs - state.oldestPendingSince.getTime() >= this.maxDelayMs)
      return { flush: true, reason: 'maxDelay' };
    if (!state.newestChangeAt || nowMs - state.newestChangeAt.getTime() >= this.quietMs)
      return { flush: true, reason: 'quiet' };
    return { flush: false, reason: 'wait' };
  }
}

/** Flushes whatever is due at once (tests, replays). */
export class ImmediatePolicy implements FlushPolicy {
  constructor(readonly maxBatchSize = 500) {}
  decide(state: QueueState): FlushDecision {
    return state.due > 0 ? { flush: true, reason: 'maxSize' } : { flush: false, reason: 'empty' };
  }
}
