import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { MappingProfile } from '@pcknop/field-mapping';
import type { ClaimedEntity, EntityResult, ReceiptRecord, Repositories } from '@pcknop/staging-store';
import { decodeTwinXml } from '@pcknop/twinxml';
import { unsupportedKindOutcome, type Applier, type ApplyContext, type RecordOutcome } from './applier';
import { BatchingError, BatchingErrorCode } from './batching-engine.exception';
import { encodeBatch } from './build-document';
import { systemClock, type Clock } from './clock';
import { documentChanges } from './document-changes';
import { silentLogger, type EngineLogger } from './engine-logger';
import { DelaySizeQuietPolicy, type FlushPolicy } from './flush-policy';
import { planBatch } from './plan-batch';
import { readStagedRecord, stagedFlags } from './record-json';
import { isTwinKind, type StagedChange } from './staged-change';

/** What the runner needs to know of a tenant, and its applier. */
export interface TenantRuntime {
  profile: MappingProfile;
  options: Readonly<Record<string, unknown>>;
  applier: Applier;
  currency?: string;
  language?: string;
}

export interface BatchSummary {
  tenantId: string;
  batchId: string | null;
  claimed: number;
  applied: number;
  skipped: number;
  failed: number;
  deadLettered: number;
  durationMs: number;
  /** Oldest pending change of the batch when it was claimed (freshness metrics). */
  oldestPendingSince: Date | null;
}

export interface BatchRunnerOptions {
  repos: Pick<Repositories, 'entities' | 'bindings' | 'batches'>;
  /** The tenant's profile, options and applier; undefined = not served (inactive, no shop). */
  tenant(tenantId: string): Promise<TenantRuntime | undefined>;
  /** Lease owner; unique per worker (default host:pid:random). */
  owner?: string;
  policy?: FlushPolicy;
  /** Lease length (LEASE_MS, default 120 s); a dead worker's entities come back after it. */
  leaseMs?: number;
  /** Attempts before a failing record is dead-lettered (MAX_ATTEMPTS, default 8). */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Tenants flushed in parallel by this runner (default 2). */
  tenantConcurrency?: number;
  /**
   * The edit lane: one extra slot, beside `tenantConcurrency`, that serves only tenants with at most `maxRecords`
   * due (single edits), in batches of at most that size, and keeps looking for them (every `pollMs`) while the
   * other slots are busy. A batch of a full resend can take many seconds; without the lane a single edit that
   * arrives meanwhile waits for it whenever every slot is taken. Default `{ maxRecords: 50, pollMs: 250 }`;
   * `false` turns it off.
   */
  editLane?: { maxRecords?: number; pollMs?: number } | false;
  /** How long a tenant rests after its shop deferred records (circuit open); default 5 s. */
  deferMs?: number;
  clock?: Clock;
  logger?: EngineLogger;
  sourceSystem?: string;
  onBatch?(summary: BatchSummary): void;
}

/**
 * Claims due entities per tenant (leases, SKIP LOCKED), plans the batch, stores its TwinXML document, applies it
 * through the tenant's applier, records receipts and completes the entities (retry with back-off, dead letters).
 * Fair across tenants: tenants with due work are served round-robin, one batch of at most the policy's
 * `maxBatchSize` at a time, so one tenant's full resend cannot starve another's single edit.
 */
export class BatchRunner {
  readonly owner: string;
  private readonly policy: FlushPolicy;
  private readonly clock: Clock;
  private readonly log: EngineLogger;
  private readonly leaseMs: number;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly touched = new Set<string>();
  private rr = 0;
  private readonly restingUntil = new Map<string, number>();
  private stopping = false;
  private flushing: Promise<number> | null = null;

  constructor(private readonly opts: BatchRunnerOptions) {
    this.owner = opts.owner ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.policy = opts.policy ?? new DelaySizeQuietPolicy();
    this.clock = opts.clock ?? systemClock;
    this.log = opts.logger ?? silentLogger;
    this.leaseMs = opts.leaseMs ?? 120_000;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /**
   * Flushes until no tenant has work the policy lets go (one call at a time; a call during a flush joins it).
   * Returns the number of batches run.
   */
  flush(): Promise<number> {
    if (this.flushing) return this.flushing;
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async flushLoop(): Promise<number> {
    let batches = 0;
    const slots = Math.max(1, this.opts.tenantConcurrency ?? 2);
    const lane = this.opts.editLane === false ? undefined : { maxRecords: Math.max(1, this.opts.editLane?.maxRecords ?? 50), pollMs: Math.max(10, this.opts.editLane?.pollMs ?? 250) };
    // Tenants whose claim came back empty (another worker got there first) sit out the rest of this flush.
    const empty = new Set<string>();
    // The edit lane forgets its empty claims each time it waits: it must see a tenant's next edit.
    const laneEmpty = new Set<string>();
    let regularRunning = slots;
    let regularDone: () => void = () => undefined;
    const allRegularDone = new Promise<void>((resolve) => (regularDone = resolve));
    const slot = async (edits: boolean): Promise<void> => {
      for (;;) {
        if (this.stopping) return;
        const skip = edits ? laneEmpty : empty;
        const tenantId = await this.nextTenant(skip, edits ? lane?.maxRecords : undefined);
        if (!tenantId) {
          // The edit lane waits for single edits as long as the regular slots are still working.
          if (edits && lane && regularRunning > 0) {
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([allRegularDone, new Promise((resolve) => (timer = setTimeout(resolve, lane.pollMs)))]);
            if (timer) clearTimeout(timer);
            laneEmpty.clear();
            continue;
          }
          return;
        }
        const run = this.runTenantBatch(tenantId, edits ? lane?.maxRecords : undefined);
        this.inFlight.set(tenantId, run);
        try {
          const s = await run;
          if (s.claimed > 0) batches++;
          else skip.add(tenantId);
        } catch (error) {
          this.log.error({ tenantId, err: error instanceof Error ? error.message : String(error) }, 'batch failed; its leases expire and it is retried');
          skip.add(tenantId);
        } finally {
          this.inFlight.delete(tenantId);
        }
      }
    };
    const regular = Array.from({ length: slots }, () =>
      slot(false).finally(() => {
        if (--regularRunning === 0) regularDone();
      }),
    );
    await Promise.all([...regular, ...(lane ? [slot(true)] : [])]);
    return batches;
  }

  /**
   * The next tenant in round-robin order that the policy lets flush and that this runner is not serving (for the
   * edit lane: only tenants with at most `maxDue` due).
   */
  private async nextTenant(skip: ReadonlySet<string>, maxDue?: number): Promise<string | undefined> {
    const now = this.clock.now();
    const backlog = (await this.opts.repos.entities.backlog()).filter((b) => b.due > 0 && (maxDue === undefined || b.due <= maxDue)).sort((a, b) => (a.tenantId < b.tenantId ? -1 : 1));
    const eligible = backlog.filter((b) => !this.inFlight.has(b.tenantId) && !skip.has(b.tenantId) && (this.restingUntil.get(b.tenantId) ?? 0) <= now && this.policy.decide(b, now).flush);
    if (eligible.length === 0) return undefined;
    const pick = eligible[this.rr++ % eligible.length];
    this.inFlight.set(pick.tenantId, Promise.resolve());
    return pick.tenantId;
  }

  /** Claims, applies and completes one batch of a tenant. */
  async runTenantBatch(tenantId: string, limit: number = this.policy.maxBatchSize): Promise<BatchSummary> {
    const started = this.clock.now();
    const summary: BatchSummary = { tenantId, batchId: null, claimed: 0, applied: 0, skipped: 0, failed: 0, deadLettered: 0, durationMs: 0, oldestPendingSince: null };
    if (this.stopping) return summary;
    const runtime = await this.opts.tenant(tenantId);
    if (!runtime) return summary;
    const { entities } = this.opts.repos;
    const claimed = await entities.claim(tenantId, this.owner, { limit, leaseMs: this.leaseMs });
    summary.claimed = claimed.length;
    if (claimed.length === 0) return summary;
    this.touched.add(tenantId);
    summary.oldestPendingSince = claimed.reduce<Date | null>((m, c) => (c.pendingSince && (!m || c.pendingSince < m) ? c.pendingSince : m), null);

    const versions = new Map(claimed.map((c) => [`${c.kind}\u0000${c.key}`, c.version]));
    const retry: EntityResult[] = [];
    const permanent: EntityResult[] = [];
    const ok: EntityResult[] = [];
    const receipts: ReceiptRecord[] = [];
    let deferred = 0;

    const changes: StagedChange[] = [];
    for (const c of claimed) {
      try {
        changes.push(toChange(c));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        permanent.push({ kind: c.kind, key: c.key, version: c.version, ok: false, error: message });
        receipts.push({ kind: c.kind, key: c.key, version: c.version, status: 'failed', message });
      }
    }
    const plan = planBatch(changes);
    for (const s of plan.superseded) {
      if (s.folded) continue; // shares the outcome of the record it travels in (below)
      ok.push({ kind: s.change.kind, key: s.change.key, version: s.change.version, ok: true });
      receipts.push({ kind: s.change.kind, key: s.change.key, version: s.change.version, status: 'skipped', message: `superseded by ${s.by}` });
    }
    const encoded = encodeBatch(
      { tenantId, sourceSystem: this.opts.sourceSystem ?? 'pckasse', currency: runtime.currency ?? 'NOK', language: runtime.language ?? 'nb-NO', createdAt: new Date(this.clock.now()) },
      plan.apply,
    );
    for (const bad of encoded.invalid) {
      permanent.push({ kind: bad.change.kind, key: bad.change.key, version: bad.change.version, ok: false, error: bad.message });
      receipts.push({ kind: bad.change.kind, key: bad.change.key, version: bad.change.version, status: 'failed', message: bad.message });
    }
    // The document is stored before anything reaches the shop (audit, replay).
    const batch = await this.opts.repos.batches.create(tenantId, { document: encoded.xml, recordCount: encoded.valid.length, worker: this.owner });
    summary.batchId = batch.id;

    const outcomes = await this.applyAll(runtime, tenantId, encoded.valid);
    const byId = new Map(outcomes.map((o) => [`${o.kind}\u0000${o.key}`, o]));
    for (const c of encoded.valid) {
      const o = byId.get(`${c.kind}\u0000${c.key}`) ?? { kind: c.kind, key: c.key, status: 'failed' as const, message: 'the applier returned no outcome' };
      const version = versions.get(`${c.kind}\u0000${c.key}`) ?? c.version;
      receipts.push({ kind: c.kind, key: c.key, version, status: o.status, message: o.message ?? null, humanMessage: o.humanMessage ?? null, shopId: o.shopId ?? null });
      if (o.status === 'failed' && o.deferred) deferred++;
      else if (o.status === 'failed') (o.retryable === false ? permanent : retry).push({ kind: c.kind, key: c.key, version, ok: false, error: o.message ?? 'failed' });
      else ok.push({ kind: c.kind, key: c.key, version, ok: true });
    }
    for (const s of plan.superseded) {
      if (!s.folded) continue;
      const sep = s.by.indexOf(':');
      const carrier = byId.get(`${s.by.slice(0, sep)}\u0000${s.by.slice(sep + 1)}`);
      const c = s.change;
      if (carrier?.status === 'ok' || carrier?.status === 'skipped') {
        ok.push({ kind: c.kind, key: c.key, version: c.version, ok: true });
        receipts.push({ kind: c.kind, key: c.key, version: c.version, status: carrier.status, message: `applied with ${s.by}` });
      } else if (carrier?.status === 'failed' && carrier.deferred) {
        // Released with the rest below: tried again when the shop is back.
      } else {
        const message = `not applied: ${s.by} ${carrier ? 'failed' : 'was not applied'}`;
        retry.push({ kind: c.kind, key: c.key, version: c.version, ok: false, error: message });
        receipts.push({ kind: c.kind, key: c.key, version: c.version, status: 'failed', message });
      }
    }
    const failed = retry.length + permanent.length;
    await this.opts.repos.batches.finish(batch.id, failed === 0 ? 'done' : ok.length === 0 ? 'failed' : 'partial', receipts);
    const backoff = { backoffBaseMs: this.opts.backoffBaseMs, backoffCapMs: this.opts.backoffCapMs };
    await entities.complete(tenantId, this.owner, [...ok, ...retry], { maxAttempts: this.opts.maxAttempts ?? 8, ...backoff });
    await entities.complete(tenantId, this.owner, permanent, { maxAttempts: 1, ...backoff });
    if (deferred > 0) {
      // Not tried for real: leases back without an attempt, and the tenant rests instead of hammering its shop.
      await entities.release(tenantId, this.owner);
      this.restingUntil.set(tenantId, this.clock.now() + (this.opts.deferMs ?? 5000));
      this.log.warn({ tenantId, deferred }, 'shop unavailable; records deferred');
    }

    const dropped = plan.superseded.filter((s) => !s.folded).length;
    summary.applied = ok.length - dropped;
    summary.skipped = dropped + outcomes.filter((o) => o.status === 'skipped').length;
    summary.failed = failed + deferred;
    summary.deadLettered = permanent.length + retry.filter((r) => (claimed.find((c) => c.kind === r.kind && c.key === r.key)?.attempts ?? 0) + 1 >= (this.opts.maxAttempts ?? 8)).length;
    summary.durationMs = this.clock.now() - started;
    this.log.info({ tenantId, batchId: batch.id, claimed: summary.claimed, applied: summary.applied, skipped: summary.skipped, failed, ms: summary.durationMs }, 'batch applied');
    this.opts.onBatch?.(summary);
    return summary;
  }

  private async applyAll(runtime: TenantRuntime, tenantId: string, changes: readonly StagedChange[]): Promise<RecordOutcome[]> {
    if (changes.length === 0) return [];
    // Kinds the applier says it does not write: acknowledged (skipped, visible in receipts), not dead-lettered.
    const supported = runtime.applier.supportedKinds ? new Set(runtime.applier.supportedKinds) : undefined;
    const unsupported = supported ? changes.filter((c) => !supported.has(c.kind)) : [];
    if (unsupported.length > 0) {
      const rest = changes.filter((c) => supported?.has(c.kind));
      return [...unsupported.map((c) => unsupportedKindOutcome(c, runtime.applier.constructor.name)), ...(await this.applyAll(runtime, tenantId, rest))];
    }
    const { bindings } = this.opts.repos;
    const context: ApplyContext = {
      tenantId,
      profile: runtime.profile,
      options: runtime.options,
      now: new Date(this.clock.now()),
      bindings: {
        get: (kind, keys) => bindings.get(tenantId, kind, keys),
        save: (list) => bindings.save(tenantId, list),
        boundShopIds: (kind, ids) => bindings.boundShopIds(tenantId, kind, ids),
      },
    };
    try {
      return await runtime.applier.apply(context, changes);
    } catch (error) {
      // A failure of the whole batch (shop unreachable, circuit open): every record is retried later.
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn({ tenantId, err: message }, 'applier failed for the whole batch');
      return changes.map((c) => ({ kind: c.kind, key: c.key, status: 'failed', message: `${BatchingErrorCode.ApplierFailed}: ${message}` }));
    }
  }

  /** Puts dead-lettered entities back in the queue. */
  requeueDeadLetters(tenantId: string, filter: { kind?: string; keys?: string[] } = {}): Promise<number> {
    return this.opts.repos.entities.requeueDeadLetters(tenantId, filter);
  }

  /**
   * Applies a stored batch's document again, as it was (operator action, e.g. after restoring a shop). The
   * result is recorded as a new batch with its own receipts; staged entity state is not touched.
   */
  async replayBatch(batchId: string): Promise<BatchSummary> {
    const started = this.clock.now();
    const stored = await this.opts.repos.batches.get(batchId);
    if (!stored) throw new BatchingError(BatchingErrorCode.BatchNotFound, batchId);
    const runtime = await this.opts.tenant(stored.tenantId);
    if (!runtime) throw new BatchingError(BatchingErrorCode.ApplierFailed, `tenant ${stored.tenantId} is not served`);
    const plan = planBatch(documentChanges(decodeTwinXml(stored.document)));
    const batch = await this.opts.repos.batches.create(stored.tenantId, { document: stored.document, recordCount: plan.apply.length, worker: `${this.owner}:replay:${batchId}` });
    const outcomes = await this.applyAll(runtime, stored.tenantId, plan.apply);
    const receipts: ReceiptRecord[] = outcomes.map((o) => ({ kind: o.kind, key: o.key, version: 0n, status: o.status, message: o.message ?? null, humanMessage: o.humanMessage ?? null, shopId: o.shopId ?? null }));
    const failed = outcomes.filter((o) => o.status === 'failed').length;
    await this.opts.repos.batches.finish(batch.id, failed === 0 ? 'done' : 'partial', receipts);
    return {
      tenantId: stored.tenantId,
      batchId: batch.id,
      claimed: 0,
      applied: outcomes.filter((o) => o.status === 'ok').length,
      skipped: outcomes.filter((o) => o.status === 'skipped').length,
      failed,
      deadLettered: 0,
      durationMs: this.clock.now() - started,
      oldestPendingSince: null,
    };
  }

  /**
   * Stops claiming; waits up to `graceMs` for the batches in flight to finish, then gives back every lease this
   * runner still holds (a batch cut off is simply claimed again by another worker; appliers are idempotent).
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    const pending = [...this.inFlight.values()];
    if (pending.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(pending), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      if (timer) clearTimeout(timer);
    }
    for (const tenantId of this.touched) await this.opts.repos.entities.release(tenantId, this.owner);
  }
}

function toChange(c: ClaimedEntity): StagedChange {
  // A kind with no TwinXML record (pck-discount, pck-customer…): its JSON goes to the applier as it is.
  if (!isTwinKind(c.kind)) return { kind: c.kind, key: c.key, version: c.version, pckTimestamp: c.pckTimestamp, arrival: c.arrival, deleted: c.deleted, record: null, data: c.record };
  const deletedWithoutRecord = c.deleted && (c.record === null || typeof c.record !== 'object');
  return {
    kind: c.kind,
    key: c.key,
    version: c.version,
    pckTimestamp: c.pckTimestamp,
    arrival: c.arrival,
    deleted: c.deleted,
    record: deletedWithoutRecord ? null : readStagedRecord(c.kind, c.record, { tombstone: c.deleted }),
    ...(c.deleted ? {} : stagedFlags(c.kind, c.record)),
  };
}
