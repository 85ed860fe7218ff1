import { PckClient } from './pck-client';
import { PckQueue, type CallSender, type ChainResult } from './pck-queue';
import { runOrderCycle } from './order-cycle-runner';
import { ReportCollector, type AttemptKind, type RunReport } from './report';
import { staticCalls, type PckCall, type Scenario } from './scenario';

export interface ProgressEvent {
  /** Calls finished (ok, failed or abandoned; skipped chain rows count as finished). */
  done: number;
  /** Calls known so far (order-cycle calls are added as they are planned). */
  total: number;
  last?: PckCall;
  kind?: AttemptKind;
}

export interface RunOptions {
  /** The gateway's WebshopWS endpoint. */
  url: string;
  login: number;
  password: string;
  /** Multiplies PCK's retry delays (5 min / 1 h / 1 day). Default 1. */
  timeScale?: number;
  /** Give up on a call after this many attempts. Default 10. */
  maxAttempts?: number;
  /** Per-call HTTP timeout (default 60 s). */
  timeoutMs?: number;
  onProgress?: (e: ProgressEvent) => void;
  /** Use this sender instead of an HTTP client (tests). */
  sender?: CallSender;
}

/**
 * Plays a scenario against a gateway the way PCK does and returns the report. Catalogue calls are
 * queued in order; before an order cycle the queue is drained (retries included), as the user
 * clicks «Oppfrisk» when the queue is idle.
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<RunReport> {
  const report = new ReportCollector(scenario.name, options.url);
  let client: PckClient | undefined;
  const sender: CallSender =
    options.sender ??
    (client = new PckClient({
      url: options.url,
      login: options.login,
      password: options.password,
      timeoutMs: options.timeoutMs,
    }));
  const staticSet = new Set<PckCall>(staticCalls(scenario));
  let total = staticSet.size;
  let done = 0;
  let lastKind: AttemptKind | undefined;
  const queue = new PckQueue(
    {
      send: (c) => {
        // Order-cycle calls are not known in advance: count them when they are first sent.
        if (!staticSet.has(c)) {
          staticSet.add(c);
          total++;
        }
        return sender.send(c);
      },
    },
    report,
    {
      timeScale: options.timeScale,
      maxAttempts: options.maxAttempts,
      onAttempt: (_c, _o, kind) => (lastKind = kind),
      onSettled: (c) => {
        done++;
        options.onProgress?.({ done, total, last: c, kind: lastKind });
      },
    },
  );
  let clock = Date.now();
  const timestamp = (): number => (clock = Math.max(clock + 1, Date.now()));
  try {
    const pending: Promise<ChainResult>[] = [];
    for (const step of scenario.steps) {
      if (step.kind === 'chain') {
        pending.push(queue.enqueue(step));
        continue;
      }
      await queue.drain();
      await runOrderCycle(queue, report, step.options, timestamp);
    }
    await Promise.all(pending);
    await queue.drain();
  } finally {
    await client?.close();
  }
  return report.finish();
}
