import type { CallOutcome } from './pck-client';
import { describeOutcome, type AttemptKind, type ReportCollector } from './report';
import type { CallChain, PckCall } from './scenario';

/** Sends one call and reports what came back (PckClient in practice; a stub in tests). */
export interface CallSender {
  send(c: PckCall): Promise<CallOutcome>;
}

export interface PckQueueOptions {
  /** Multiplies PCK's retry delays (5 min / 1 h / 1 day); e.g. 0.001 in tests. Default 1. */
  timeScale?: number;
  /** Give up on a call after this many attempts (PCK would go on for ever). Default 10. */
  maxAttempts?: number;
  /** Called after every attempt. */
  onAttempt?: (c: PckCall, outcome: CallOutcome, kind: AttemptKind) => void;
  /** Called once per call of a finished chain: sent (done, failed, abandoned) or skipped after an error. */
  onSettled?: (c: PckCall) => void;
  /** Injected for tests; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

export type ChainStatus = 'done' | 'failed' | 'abandoned';

export interface ChainResult {
  status: ChainStatus;
  /** The last outcome of each call that was sent, in chain order. */
  outcomes: CallOutcome[];
}

/** PCK's retry delays by operationResult; faults and HTTP/transport errors are retried like 2. */
export const RETRY_DELAY_MS: Record<Exclude<AttemptKind, 'ok' | 'permanent'>, number> = {
  retrySoon: 5 * 60 * 1000,
  retryLater: 60 * 60 * 1000,
  retryTomorrow: 24 * 60 * 60 * 1000,
  fault: 5 * 60 * 1000,
  httpError: 5 * 60 * 1000,
  transport: 5 * 60 * 1000,
};

interface Item {
  calls: PckCall[];
  index: number;
  attempts: number;
  dueAt: number;
  seq: number;
  outcomes: CallOutcome[];
  resolve: (r: ChainResult) => void;
}

/**
 * PCK's send queue: strictly sequential, each call waits for its answer. An item (a chain of calls)
 * is done when every call answered operationResult 0. On 1 (or an unknown code) the error is
 * recorded and the rest of the chain is dropped. On 2/3/4, a fault or an HTTP/transport error the
 * item goes to the back of the queue, due after 5 min / 1 h / 1 day × timeScale, and later resumes
 * at the call that failed (earlier calls of the chain are not resent).
 */
export class PckQueue {
  private readonly items: Item[] = [];
  private seq = 0;
  private running: Promise<void> = Promise.resolve();
  /** Set and cleared synchronously, so an item queued while the worker is finishing is never missed. */
  private active = false;
  private readonly timeScale: number;
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly sender: CallSender,
    private readonly report: ReportCollector,
    private readonly options: PckQueueOptions = {},
  ) {
    this.timeScale = options.timeScale ?? 1;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    if (!(this.timeScale >= 0)) throw new RangeError('timeScale must be >= 0');
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1)
      throw new RangeError('maxAttempts must be a positive integer');
  }

  /** Queues a chain; resolves when it is finished. The queue starts working at once. */
  enqueue(chain: CallChain | PckCall[]): Promise<ChainResult> {
    const calls = Array.isArray(chain) ? chain : chain.calls;
    return new Promise<ChainResult>((resolve) => {
      if (calls.length === 0) return resolve({ status: 'done', outcomes: [] });
      this.items.push({ calls, index: 0, attempts: 0, dueAt: 0, seq: this.seq++, outcomes: [], resolve });
      if (!this.active) {
        this.active = true;
        this.running = this.work();
      }
    });
  }

  /** One call through the queue, e.g. from the order cycle. */
  async submit(c: PckCall): Promise<{ status: ChainStatus; outcome?: CallOutcome }> {
    const r = await this.enqueue([c]);
    return { status: r.status, outcome: r.outcomes[0] };
  }

  /** Resolves when the queue is empty (retries included). */
  async drain(): Promise<void> {
    while (this.active) await this.running;
  }

  get pending(): number {
    return this.items.length;
  }

  private nextItem(now: number): Item | undefined {
    let best: Item | undefined;
    for (const it of this.items) if (it.dueAt <= now && (!best || it.seq < best.seq)) best = it;
    return best;
  }

  private async work(): Promise<void> {
    // One async function: the empty check and clearing `active` happen in the same synchronous step.
    try {
      while (this.items.length > 0) {
        const now = Date.now();
        const item = this.nextItem(now);
        if (!item) {
          const wake = Math.min(...this.items.map((i) => i.dueAt));
          await this.sleep(Math.max(1, wake - now));
          continue;
        }
        await this.runItem(item);
      }
    } finally {
      this.active = false;
    }
  }

  private finish(item: Item, status: ChainStatus): void {
    this.items.splice(this.items.indexOf(item), 1);
    // Calls after the one that stopped the chain are never sent.
    const stoppedAt = status === 'done' ? item.calls.length : item.index + 1;
    this.report.report.skipped += item.calls.length - stoppedAt;
    for (const c of item.calls) this.options.onSettled?.(c);
    item.resolve({ status, outcomes: item.outcomes });
  }

  /** Sends the item's calls from where it stopped until one fails or all are done. */
  private async runItem(item: Item): Promise<void> {
    while (item.index < item.calls.length) {
      const c = item.calls[item.index];
      const outcome = await this.sender.send(c);
      item.attempts++;
      item.outcomes[item.index] = outcome;
      const kind = this.report.attempt(c.operation, outcome);
      this.options.onAttempt?.(c, outcome, kind);
      if (kind === 'ok') {
        item.index++;
        item.attempts = 0;
        continue;
      }
      if (kind === 'permanent') {
        const status = outcome.kind === 'answer' ? outcome.insertUpdate : undefined;
        this.report.report.permanentErrors.push({
          operation: c.operation,
          label: c.label,
          operationResult: status?.operationResult ?? 1,
          humanErrorMessage: status?.humanErrorMessage,
          errorMessage: status?.errorMessage,
        });
        return this.finish(item, 'failed');
      }
      if (item.attempts >= this.maxAttempts) {
        this.report.report.abandoned.push({
          operation: c.operation,
          label: c.label,
          attempts: item.attempts,
          last: describeOutcome(outcome),
        });
        return this.finish(item, 'abandoned');
      }
      this.report.report.retries++;
      item.dueAt = Date.now() + RETRY_DELAY_MS[kind] * this.timeScale;
      item.seq = this.seq++;
      return;
    }
    this.finish(item, 'done');
  }
}
