import {
  prepareChange,
  type EntityChange,
  type EntityRepository,
  type StageRequest,
  type StagedEntity,
} from './entity-repository';

/** Stages one caller's changes, durably, under the timestamp guard. */
export interface EntityStager {
  stage(tenantId: string, changes: readonly EntityChange[]): Promise<StagedEntity[]>;
}

export interface StageCoalescerOptions {
  /** Statements in flight at once (default 2). Calls arriving meanwhile wait and go together in the next one. */
  maxInFlight?: number;
  /** Most rows in one statement (default 5000); a single larger call still goes alone. */
  maxRows?: number;
}

interface Pending {
  request: StageRequest;
  ids: string[];
  resolve: (staged: StagedEntity[]) => void;
  reject: (error: unknown) => void;
}

const entityId = (tenantId: string, c: { kind: string; key: string }) =>
  `${tenantId.toLowerCase()}\u0000${c.kind}\u0000${c.key}`;

/**
 * Group commit for staging. Every call is still answered only once its changes are committed, but calls that
 * arrive while earlier statements are running share the next statement: with 32 tills sending at once, one
 * round trip and one commit (WAL flush) serve many calls instead of one each. A call alone goes at once, so
 * PCK's one-call-at-a-time queue waits for nothing.
 *
 * A statement never names one entity twice (PostgreSQL cannot update a row twice in one statement), and a call for
 * an entity that a running statement or an earlier waiting call names waits for a later statement: calls for one
 * entity reach the database one after the other, in arrival order. When a shared statement fails, its calls are
 * retried one by one, so one bad call fails alone.
 */
export class StageCoalescer implements EntityStager {
  private queue: Pending[] = [];
  private inFlight = 0;
  /** Entities named by statements now running: a call for one of them waits until that statement is done. */
  private readonly running = new Set<string>();
  private readonly maxInFlight: number;
  private readonly maxRows: number;

  constructor(
    private readonly repo: Pick<EntityRepository, 'stageMany'>,
    options: StageCoalescerOptions = {},
  ) {
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 2);
    this.maxRows = Math.max(1, options.maxRows ?? 5000);
  }

  stage(tenantId: string, changes: readonly EntityChange[]): Promise<StagedEntity[]> {
    if (changes.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      // Serialised now, while the caller's turn runs: a waiting call then holds only text, not its record objects.
      const prepared = changes.map(prepareChange);
      this.queue.push({
        request: { tenantId, changes: prepared },
        ids: prepared.map((c) => entityId(tenantId, c)),
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** Calls waiting for a statement (for metrics and tests). */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      // Everything waiting names an entity a running statement holds: it goes when that statement is done.
      if (batch.length === 0) return;
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        for (const p of batch) for (const id of p.ids) this.running.delete(id);
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /** The next statement's calls, oldest first; what cannot join stays queued in order. */
  private take(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const claimed = new Set<string>(this.running);
    let rows = 0;
    for (const p of this.queue) {
      const conflicts = p.ids.some((id) => claimed.has(id));
      const full = batch.length > 0 && rows + p.ids.length > this.maxRows;
      if (conflicts || full) rest.push(p);
      else {
        batch.push(p);
        rows += p.ids.length;
      }
      // A waiting call keeps its entities too: a later call for them must not overtake it.
      for (const id of p.ids) claimed.add(id);
    }
    this.queue = rest;
    for (const p of batch) for (const id of p.ids) this.running.add(id);
    return batch;
  }

  private async run(batch: Pending[]): Promise<void> {
    try {
      const staged = await this.repo.stageMany(batch.map((p) => p.request));
      batch.forEach((p, i) => p.resolve(staged[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // Isolate the failure: each call on its own, so only a call that fails by itself is answered with an error.
      for (const p of batch) {
        try {
          const [staged] = await this.repo.stageMany([p.request]);
          p.resolve(staged);
        } catch (own) {
          p.reject(own);
        }
      }
    }
  }
}
