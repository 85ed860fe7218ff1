import type { EntityRepository } from '@pcknop/staging-store';
import { BatchingError, BatchingErrorCode } from './batching-engine.exception';
import type { EngineLogger } from './engine-logger';

type Entity = { kind: string; key: string };
const idOf = (e: Entity): string => `${e.kind}\u0000${e.key}`;

/**
 * The lease of one batch while it runs: renewed every third of its length, so a batch slower than `LEASE_MS` (a
 * slow shop) keeps its records; when a renewal finds a lease gone, or renewals fail for so long that the lease may
 * have run out, the batch is fenced: its signal aborts and `fence()` throws, so it writes nothing more. Wall-clock
 * time, like the database's leases.
 */
export class BatchLease {
  private readonly held = new Map<string, Entity>();
  private readonly controller = new AbortController();
  private validUntil: number;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> | null = null;

  constructor(
    private readonly entities: Pick<EntityRepository, 'renew'>,
    private readonly tenantId: string,
    private readonly owner: string,
    private readonly leaseMs: number,
    claimed: readonly Entity[],
    private readonly log: EngineLogger,
    claimedAt = Date.now(),
  ) {
    for (const c of claimed) this.held.set(idOf(c), { kind: c.kind, key: c.key });
    this.validUntil = claimedAt + leaseMs;
    this.timer = setInterval(() => void this.renew(), Math.max(50, Math.floor(leaseMs / 3)));
    this.timer.unref();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get lost(): boolean {
    return (
      this.controller.signal.aborted &&
      this.controller.signal.reason instanceof BatchingError &&
      this.controller.signal.reason.code === BatchingErrorCode.LeaseLost
    );
  }

  /** Throws unless the lease surely holds for at least a third of its length (time for one shop call to land). */
  fence(): void {
    if (this.lost || Date.now() > this.validUntil - this.leaseMs / 3) {
      this.abort(new BatchingError(BatchingErrorCode.LeaseLost, `tenant ${this.tenantId}`));
      throw this.signal.reason;
    }
  }

  /** These records are done (completed or given back): no longer renewed. */
  drop(entities: readonly Entity[]): void {
    for (const e of entities) this.held.delete(idOf(e));
  }

  /** Stop starting records (shutdown after the grace time, or a lost lease). */
  abort(reason: Error): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  /** The batch is over: no more renewals (waits for one under way). */
  async end(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.renewing;
  }

  private renew(): Promise<void> {
    if (this.renewing || this.held.size === 0 || this.lost) return this.renewing ?? Promise.resolve();
    const entities = [...this.held.values()];
    const started = Date.now();
    this.renewing = this.entities
      .renew(this.tenantId, this.owner, entities, this.leaseMs)
      .then((renewed) => {
        // Records dropped meanwhile were completed or given back by this batch: not lost.
        const stillHeld = entities.filter((e) => this.held.has(idOf(e))).length;
        if (renewed < stillHeld) {
          this.log.warn(
            { tenantId: this.tenantId, held: stillHeld, renewed },
            'batch lost its lease; it writes nothing more',
          );
          this.abort(
            new BatchingError(
              BatchingErrorCode.LeaseLost,
              `tenant ${this.tenantId}: ${stillHeld - renewed} lease(s) gone`,
            ),
          );
        } else {
          this.validUntil = started + this.leaseMs;
        }
      })
      .catch((error: unknown) => {
        // The database is unreachable: the lease runs out on its own; fence() refuses once it may have.
        this.log.warn(
          { tenantId: this.tenantId, err: error instanceof Error ? error.message : String(error) },
          'lease renewal failed',
        );
      })
      .finally(() => {
        this.renewing = null;
      });
    return this.renewing;
  }
}
