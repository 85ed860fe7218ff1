import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { MappingProfile } from '@pcknop/field-mapping';
import {
  DEFAULT_MAX_ATTEMPTS,
  type ClaimedEntity,
  type EntityResult,
  type FlushPauseRecord,
  type ReceiptRecord,
  type Repositories,
} from '@pcknop/staging-store';
import { decodeTwinXml, TwinRecordKind } from '@pcknop/twinxml';
import { unsupportedKindOutcome, type Applier, type ApplyContext, type RecordOutcome } from './applier';
import { BatchLease } from './batch-lease';
import { BatchingError, BatchingErrorCode } from './batching-engine.exception';
import { encodeBatch } from './build-document';
import { systemClock, type Clock } from './clock';
import { documentChanges } from './document-changes';
import { silentLogger, type EngineLogger } from './engine-logger';
import { DelaySizeQuietPolicy, type FlushPolicy } from './flush-policy';
import { planBatch } from './plan-batch';
import { readStagedRecord, stagedFlags } from './record-json';
import { describeShopFault, isCertainShopFault, mostTelling, ShopFaultCode, type ShopFault } from './shop-fault';
import { isTwinKind, productKeyOf, type StagedChange } from './staged-change';

/** What the runner needs to know of a tenant, and its applier. */
/** Tenants one runner flushes in parallel unless told otherwise. */
export const DEFAULT_TENANT_CONCURRENCY = 2;

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
  repos: Pick<Repositories, 'entities' | 'bindings' | 'batches' | 'flushPauses'>;
  /** The tenant's profile, options and applier; undefined = not served (inactive, no shop). */
  tenant(tenantId: string): Promise<TenantRuntime | undefined>;
  /** Lease owner; unique per worker (default host:pid:random). */
  owner?: string;
  policy?: FlushPolicy;
  /** Lease length (LEASE_MS, default 120 s); a dead worker's entities come back after it. */
  leaseMs?: number;
  /** Attempts before a failing record is dead-lettered (MAX_ATTEMPTS, default DEFAULT_MAX_ATTEMPTS). */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Tenants flushed in parallel by this runner (default DEFAULT_TENANT_CONCURRENCY). */
  tenantConcurrency?: number;
  /**
   * The edit lane: one extra slot, beside `tenantConcurrency`, that serves only tenants with at most `maxRecords`
   * due (single edits), in batches of at most that size, and keeps looking for them (every `pollMs`) while the
   * other slots are busy. A batch of a full resend can take many seconds; without the lane a single edit that
   * arrives meanwhile waits for it whenever every slot is taken. Default `{ maxRecords: 50, pollMs: 250 }`;
   * `false` turns it off.
   */
  editLane?: { maxRecords?: number; pollMs?: number } | false;
  /**
   * A shop outage (401, 403, 429, 5xx, timeouts, refused connections) pauses the tenant's flush, in the database
   * for every scheduler: first for `baseMs` (default 2 s), doubling per failed try up to `capMs` (default 5 min);
   * while paused, the shop is probed every `probeMs` (default 15 s) and a shop that answers ends the pause.
   */
  shopPause?: { baseMs?: number; capMs?: number; probeMs?: number };
  /** Bytes of staged records one batch may hold (at least one record): whole images must not outgrow the heap. */
  maxBatchBytes?: number;
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
  /** Tenants with a pause row (active or run out): a batch the shop takes ends it. */
  private readonly pausedSeen = new Set<string>();
  private readonly probing = new Map<string, Promise<void>>();
  private readonly lastProbe = new Map<string, number>();
  private readonly leases = new Map<string, BatchLease>();
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
    const slots = Math.max(1, this.opts.tenantConcurrency ?? DEFAULT_TENANT_CONCURRENCY);
    const lane =
      this.opts.editLane === false
        ? undefined
        : {
            maxRecords: Math.max(1, this.opts.editLane?.maxRecords ?? 50),
            pollMs: Math.max(10, this.opts.editLane?.pollMs ?? 250),
          };
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
          this.log.error(
            { tenantId, err: error instanceof Error ? error.message : String(error) },
            'batch failed; its leases expire and it is retried',
          );
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
    // One after the other: each slot asks, and a pool connection each at once would crowd out the batches.
    const all = await this.opts.repos.entities.backlog();
    const pauses = await this.opts.repos.flushPauses.list();
    const paused = new Set(pauses.filter((p) => p.active).map((p) => p.tenantId));
    for (const p of pauses) this.pausedSeen.add(p.tenantId);
    this.probePaused(pauses.filter((p) => all.some((b) => b.tenantId === p.tenantId)));
    const backlog = all
      .filter((b) => b.due > 0 && (maxDue === undefined || b.due <= maxDue))
      .sort((a, b) => (a.tenantId < b.tenantId ? -1 : 1));
    const eligible = backlog.filter(
      (b) =>
        !this.inFlight.has(b.tenantId) &&
        !skip.has(b.tenantId) &&
        !paused.has(b.tenantId) &&
        this.policy.decide(b, now).flush,
    );
    if (eligible.length === 0) return undefined;
    const pick = eligible[this.rr++ % eligible.length];
    this.inFlight.set(pick.tenantId, Promise.resolve());
    return pick.tenantId;
  }

  /** Claims, applies and completes one batch of a tenant. */
  async runTenantBatch(tenantId: string, limit?: number): Promise<BatchSummary> {
    const started = this.clock.now();
    const summary: BatchSummary = {
      tenantId,
      batchId: null,
      claimed: 0,
      applied: 0,
      skipped: 0,
      failed: 0,
      deadLettered: 0,
      durationMs: 0,
      oldestPendingSince: null,
    };
    if (this.stopping) return summary;
    const runtime = await this.opts.tenant(tenantId);
    if (!runtime) return summary;
    const { entities } = this.opts.repos;
    // Asked after tenant(): a policy with per-tenant caps learns them when the tenant is loaded.
    const max = limit ?? this.policy.maxBatchSizeOf?.(tenantId) ?? this.policy.maxBatchSize;
    const claimed = await entities.claim(tenantId, this.owner, {
      limit: max,
      leaseMs: this.leaseMs,
      maxBytes: this.opts.maxBatchBytes,
    });
    summary.claimed = claimed.length;
    if (claimed.length === 0) return summary;
    this.touched.add(tenantId);
    summary.oldestPendingSince = claimed.reduce<Date | null>(
      (m, c) => (c.pendingSince && (!m || c.pendingSince < m) ? c.pendingSince : m),
      null,
    );
    const lease = new BatchLease(entities, tenantId, this.owner, this.leaseMs, claimed, this.log);
    this.leases.set(tenantId, lease);
    let outage: ShopFault | undefined;
    try {
      outage = await this.runClaimed(tenantId, runtime, claimed, lease, summary);
    } finally {
      await lease.end();
      this.leases.delete(tenantId);
    }
    if (!outage && this.pausedSeen.has(tenantId)) {
      // The shop took this batch: the outage is over.
      if (await this.opts.repos.flushPauses.resume(tenantId))
        this.log.info({ tenantId }, 'shop answers again; flush resumed');
      this.pausedSeen.delete(tenantId);
    }
    summary.durationMs = this.clock.now() - started;
    this.log.info(
      {
        tenantId,
        batchId: summary.batchId,
        claimed: summary.claimed,
        applied: summary.applied,
        skipped: summary.skipped,
        failed: summary.failed,
        ms: summary.durationMs,
      },
      'batch applied',
    );
    this.opts.onBatch?.(summary);
    return summary;
  }

  /**
   * Applies claimed records; when that throws (a record the encoder, the store or the applier cannot handle), the
   * records are split in halves and tried again, so the record that breaks a batch is found and fails alone,
   * counting an attempt (it is dead-lettered after `maxAttempts`), while the others go through. Returns the shop
   * outage that paused the tenant, if any.
   */
  private async runClaimed(
    tenantId: string,
    runtime: TenantRuntime,
    claimed: readonly ClaimedEntity[],
    lease: BatchLease,
    summary: BatchSummary,
  ): Promise<ShopFault | undefined> {
    try {
      return await this.applyClaimed(tenantId, runtime, claimed, lease, summary);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (lease.signal.aborted) {
        lease.drop(claimed);
        await this.opts.repos.entities.release(tenantId, this.owner, claimed);
        summary.failed += claimed.length;
        return undefined;
      }
      if (claimed.length === 1) {
        const [c] = claimed;
        this.log.error(
          { tenantId, kind: c.kind, key: c.key, err: message },
          'record breaks its batch; attempt counted',
        );
        lease.drop(claimed);
        await this.opts.repos.entities.complete(
          tenantId,
          this.owner,
          [
            {
              kind: c.kind,
              key: c.key,
              version: c.version,
              ok: false,
              error: `${BatchingErrorCode.ApplierFailed}: ${message}`,
            },
          ],
          this.completeOptions(),
        );
        summary.failed++;
        if (c.attempts + 1 >= (this.opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) summary.deadLettered++;
        return undefined;
      }
      this.log.warn(
        { tenantId, records: claimed.length, err: message },
        'batch failed; splitting it to find the record that breaks it',
      );
      const half = Math.ceil(claimed.length / 2);
      const first = await this.runClaimed(tenantId, runtime, claimed.slice(0, half), lease, summary);
      if (first) {
        lease.drop(claimed.slice(half));
        await this.opts.repos.entities.release(tenantId, this.owner, claimed.slice(half));
        return first;
      }
      return this.runClaimed(tenantId, runtime, claimed.slice(half), lease, summary);
    }
  }

  /** The staged product tombstones that changes of this batch belong to, when the batch holds no change of them. */
  private async removedProducts(tenantId: string, changes: readonly StagedChange[]): Promise<StagedChange[]> {
    const inBatch = new Set(changes.filter((c) => c.kind === TwinRecordKind.Product).map((c) => c.key));
    const owners = new Set<string>();
    for (const c of changes) {
      const owner = productKeyOf(c);
      if (owner && !inBatch.has(owner)) owners.add(owner);
    }
    if (owners.size === 0) return [];
    const rows = await this.opts.repos.entities.get(tenantId, TwinRecordKind.Product, [...owners]);
    return rows
      .filter((r) => r.deleted)
      .map((r) => ({
        kind: TwinRecordKind.Product,
        key: r.key,
        version: r.dirtyVersion,
        pckTimestamp: r.pckStamped ? r.pckTimestamp : null,
        arrival: r.arrival,
        deleted: true,
        record: null,
      }));
  }

  private completeOptions() {
    return {
      maxAttempts: this.opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      backoffBaseMs: this.opts.backoffBaseMs,
      backoffCapMs: this.opts.backoffCapMs,
    };
  }

  private async applyClaimed(
    tenantId: string,
    runtime: TenantRuntime,
    claimed: readonly ClaimedEntity[],
    lease: BatchLease,
    summary: BatchSummary,
  ): Promise<ShopFault | undefined> {
    const { entities } = this.opts.repos;
    const versions = new Map(claimed.map((c) => [`${c.kind}\u0000${c.key}`, c.version]));
    const retry: EntityResult[] = [];
    const permanent: EntityResult[] = [];
    const ok: EntityResult[] = [];
    const receipts: ReceiptRecord[] = [];
    const notTried: Array<{ kind: string; key: string }> = [];

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
    // Removals of products this batch does not hold: their older images and stock counts are superseded as they
    // would be in one batch (an image of a product removed before it reached the shop would wait for it forever).
    const removedOwners = await this.removedProducts(tenantId, changes);
    const planned = planBatch([...changes, ...removedOwners]);
    const context = new Set(removedOwners);
    const plan = {
      apply: planned.apply.filter((c) => !context.has(c)),
      superseded: planned.superseded.filter((s) => !context.has(s.change)),
    };
    for (const s of plan.superseded) {
      if (s.folded) continue; // shares the outcome of the record it travels in (below)
      ok.push({ kind: s.change.kind, key: s.change.key, version: s.change.version, ok: true });
      receipts.push({
        kind: s.change.kind,
        key: s.change.key,
        version: s.change.version,
        status: 'skipped',
        message: `superseded by ${s.by}`,
      });
    }
    const encoded = encodeBatch(
      {
        tenantId,
        sourceSystem: this.opts.sourceSystem ?? 'pckasse',
        currency: runtime.currency ?? 'NOK',
        language: runtime.language ?? 'nb-NO',
        createdAt: new Date(this.clock.now()),
      },
      plan.apply,
    );
    for (const bad of encoded.invalid) {
      permanent.push({
        kind: bad.change.kind,
        key: bad.change.key,
        version: bad.change.version,
        ok: false,
        error: bad.message,
      });
      receipts.push({
        kind: bad.change.kind,
        key: bad.change.key,
        version: bad.change.version,
        status: 'failed',
        message: bad.message,
      });
    }
    // The document is stored before anything reaches the shop (audit, replay).
    const batch = await this.opts.repos.batches.create(tenantId, {
      document: encoded.xml,
      recordCount: encoded.valid.length,
      worker: this.owner,
    });
    summary.batchId ??= batch.id;

    let outcomes: RecordOutcome[];
    try {
      outcomes = await this.applyAll(runtime, tenantId, encoded.valid, lease);
    } catch (error) {
      await this.opts.repos.batches.finish(batch.id, 'failed', []);
      throw error;
    }
    const faults = outcomes.filter((o) => o.status === 'failed' && o.shopFault).map((o) => o.shopFault as ShopFault);
    const outage = faults.length > 0 ? await this.confirmOutage(runtime, faults) : undefined;
    const byId = new Map(outcomes.map((o) => [`${o.kind}\u0000${o.key}`, o]));
    // In a batch that met an outage, a failure that may be retried is the outage's doing too (e.g. a picture whose
    // product could not be created): it counts no attempt. Only a record the shop refused outright (`retryable:
    // false`) still counts.
    const untried = (o: RecordOutcome | undefined): boolean =>
      o?.status === 'failed' &&
      (o.deferred === true || (outage !== undefined && (o.shopFault !== undefined || o.retryable !== false)));
    for (const c of encoded.valid) {
      const o = byId.get(`${c.kind}\u0000${c.key}`) ?? {
        kind: c.kind,
        key: c.key,
        status: 'failed' as const,
        message: 'the applier returned no outcome',
      };
      const version = versions.get(`${c.kind}\u0000${c.key}`) ?? c.version;
      receipts.push({
        kind: c.kind,
        key: c.key,
        version,
        status: o.status,
        message: o.message ?? null,
        humanMessage: o.humanMessage ?? null,
        shopId: o.shopId ?? null,
      });
      if (untried(o)) notTried.push({ kind: c.kind, key: c.key });
      else if (o.status === 'failed')
        (o.retryable === false ? permanent : retry).push({
          kind: c.kind,
          key: c.key,
          version,
          ok: false,
          error: o.message ?? 'failed',
        });
      else ok.push({ kind: c.kind, key: c.key, version, ok: true });
    }
    for (const s of plan.superseded) {
      if (!s.folded) continue;
      const sep = s.by.indexOf(':');
      const carrier = byId.get(`${s.by.slice(0, sep)}\u0000${s.by.slice(sep + 1)}`);
      const c = s.change;
      if (carrier?.status === 'ok' || carrier?.status === 'skipped') {
        ok.push({ kind: c.kind, key: c.key, version: c.version, ok: true });
        receipts.push({
          kind: c.kind,
          key: c.key,
          version: c.version,
          status: carrier.status,
          message: `applied with ${s.by}`,
        });
      } else if (untried(carrier)) {
        notTried.push({ kind: c.kind, key: c.key }); // tried again with its carrier
      } else {
        const message = `not applied: ${s.by} ${carrier ? 'failed' : 'was not applied'}`;
        retry.push({ kind: c.kind, key: c.key, version: c.version, ok: false, error: message });
        receipts.push({ kind: c.kind, key: c.key, version: c.version, status: 'failed', message });
      }
    }
    const failed = retry.length + permanent.length;
    await this.opts.repos.batches.finish(
      batch.id,
      failed + notTried.length === 0 ? 'done' : ok.length === 0 ? 'failed' : 'partial',
      receipts,
    );
    const backoff = { backoffBaseMs: this.opts.backoffBaseMs, backoffCapMs: this.opts.backoffCapMs };
    lease.drop([...ok, ...retry, ...permanent, ...notTried]);
    // Fencing: complete() touches only rows whose lease this batch still holds.
    await entities.complete(tenantId, this.owner, [...ok, ...retry], this.completeOptions());
    await entities.complete(tenantId, this.owner, permanent, { maxAttempts: 1, ...backoff });
    // Not tried for real (shop outage, stopping, lost lease): leases back without an attempt.
    await entities.release(tenantId, this.owner, notTried);
    if (outage) await this.pause(tenantId, outage, notTried.length);

    const dropped = plan.superseded.filter((s) => !s.folded).length;
    summary.applied += ok.length - dropped;
    summary.skipped += dropped + outcomes.filter((o) => o.status === 'skipped').length;
    summary.failed += failed + notTried.length;
    summary.deadLettered +=
      permanent.length +
      retry.filter(
        (r) =>
          (claimed.find((c) => c.kind === r.kind && c.key === r.key)?.attempts ?? 0) + 1 >=
          (this.opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
      ).length;
    return outage;
  }

  /**
   * Whether shop faults in a batch mean the shop is down. A 401/403/429 or an open circuit says so whatever the
   * record; a 5xx, timeout or refused connection may be one record's doing (a row the shop chokes on), so the
   * applier's probe decides: the shop answering means these are the records' failures.
   */
  private async confirmOutage(runtime: TenantRuntime, faults: readonly ShopFault[]): Promise<ShopFault | undefined> {
    const certain = faults.filter((f) => isCertainShopFault(f.code));
    if (certain.length > 0 || !runtime.applier.probe) return mostTelling(certain.length > 0 ? certain : faults);
    try {
      return await runtime.applier.probe();
    } catch (error) {
      return { code: ShopFaultCode.Unreachable, message: error instanceof Error ? error.message : String(error) };
    }
  }

  private async pause(tenantId: string, fault: ShopFault, records: number): Promise<void> {
    const p = await this.opts.repos.flushPauses.pause(tenantId, {
      code: fault.code,
      reason: describeShopFault(fault.code),
      detail: fault.message,
      baseMs: this.opts.shopPause?.baseMs ?? 2000,
      capMs: this.opts.shopPause?.capMs ?? 300_000,
      minMs: fault.retryAfterMs,
      // An open circuit follows the failures that opened it: the pause keeps naming those.
      keepReasonFor: ShopFaultCode.CircuitOpen,
    });
    this.pausedSeen.add(tenantId);
    this.log.warn(
      { tenantId, code: fault.code, err: fault.message, records, failures: p.failures, pausedUntil: p.pausedUntil },
      'shop unavailable; flush paused, no attempts counted',
    );
  }

  /**
   * Paused tenants whose shop was not asked for `probeMs`: one probe each; a shop that answers ends the pause at
   * once (the pause itself may have grown to minutes). Runs beside the flush, never blocking it.
   */
  private probePaused(pauses: readonly FlushPauseRecord[]): void {
    const probeMs = this.opts.shopPause?.probeMs ?? 15_000;
    for (const p of pauses) {
      if (!p.active || this.probing.has(p.tenantId) || Date.now() - (this.lastProbe.get(p.tenantId) ?? 0) < probeMs)
        continue;
      this.lastProbe.set(p.tenantId, Date.now());
      const run = (async () => {
        const runtime = await this.opts.tenant(p.tenantId);
        if (!runtime?.applier.probe) return;
        const fault = await runtime.applier.probe().catch((error: unknown) => ({
          code: ShopFaultCode.Unreachable,
          message: error instanceof Error ? error.message : String(error),
        }));
        if (!fault) {
          if (await this.opts.repos.flushPauses.resume(p.tenantId))
            this.log.info({ tenantId: p.tenantId }, 'shop answers again (probe); flush resumed');
        } else {
          // Still down: the pause grows and says what the shop answers now (e.g. a 503 after the 401 was fixed).
          await this.pause(p.tenantId, fault, 0);
        }
      })()
        .catch((error: unknown) =>
          this.log.warn(
            { tenantId: p.tenantId, err: error instanceof Error ? error.message : String(error) },
            'shop probe failed',
          ),
        )
        .finally(() => this.probing.delete(p.tenantId));
      this.probing.set(p.tenantId, run);
    }
  }

  private async applyAll(
    runtime: TenantRuntime,
    tenantId: string,
    changes: readonly StagedChange[],
    lease?: BatchLease,
  ): Promise<RecordOutcome[]> {
    if (changes.length === 0) return [];
    // Kinds the applier says it does not write: acknowledged (skipped, visible in receipts), not dead-lettered.
    const supported = runtime.applier.supportedKinds ? new Set(runtime.applier.supportedKinds) : undefined;
    const unsupported = supported ? changes.filter((c) => !supported.has(c.kind)) : [];
    if (unsupported.length > 0) {
      const rest = changes.filter((c) => supported?.has(c.kind));
      return [
        ...unsupported.map((c) => unsupportedKindOutcome(c, runtime.applier.constructor.name)),
        ...(await this.applyAll(runtime, tenantId, rest, lease)),
      ];
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
      ...(lease ? { signal: lease.signal, fence: () => lease.fence() } : {}),
    };
    try {
      return await runtime.applier.apply(context, changes);
    } catch (error) {
      // The whole batch failed. A shop that does not answer: nothing was tried (no attempts, the tenant pauses).
      // Otherwise the error goes up, and the batch is split to find the record that causes it.
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn({ tenantId, err: message }, 'applier failed for the whole batch');
      const fault =
        lease && runtime.applier.probe
          ? await this.confirmOutage(runtime, [{ code: ShopFaultCode.Server, message }])
          : undefined;
      if (lease && !fault) throw error;
      return changes.map((c) => ({
        kind: c.kind,
        key: c.key,
        status: 'failed',
        message: `${BatchingErrorCode.ApplierFailed}: ${message}`,
        ...(fault ? { shopFault: fault } : {}),
      }));
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
    const batch = await this.opts.repos.batches.create(stored.tenantId, {
      document: stored.document,
      recordCount: plan.apply.length,
      worker: `${this.owner}:replay:${batchId}`,
    });
    const outcomes = await this.applyAll(runtime, stored.tenantId, plan.apply);
    const receipts: ReceiptRecord[] = outcomes.map((o) => ({
      kind: o.kind,
      key: o.key,
      version: 0n,
      status: o.status,
      message: o.message ?? null,
      humanMessage: o.humanMessage ?? null,
      shopId: o.shopId ?? null,
    }));
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
   * Stops claiming; waits up to `graceMs` for the batches in flight to finish, then tells them to start no new
   * record and waits for the shop calls under way to end (their leases renewed meanwhile): a lease is never given
   * back while this runner may still write the records to the shop. Then it gives back every lease it holds.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    const pending = [...this.inFlight.values()];
    if (pending.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(pending),
        new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      if (timer) clearTimeout(timer);
      for (const lease of this.leases.values()) lease.abort(new BatchingError(BatchingErrorCode.Stopping));
      await Promise.allSettled(pending);
    }
    await Promise.allSettled([...this.probing.values()]);
    for (const tenantId of this.touched) await this.opts.repos.entities.release(tenantId, this.owner);
  }
}

function toChange(c: ClaimedEntity): StagedChange {
  const header = {
    key: c.key,
    version: c.version,
    pckTimestamp: c.pckTimestamp,
    arrival: c.arrival,
    deleted: c.deleted,
  };
  // A kind with no TwinXML record (pck-discount, pck-customer…): its JSON goes to the applier as it is.
  if (!isTwinKind(c.kind)) return { kind: c.kind, ...header, record: null, data: c.record };
  const deletedWithoutRecord = c.deleted && (c.record === null || typeof c.record !== 'object');
  return {
    kind: c.kind,
    ...header,
    record: deletedWithoutRecord ? null : readStagedRecord(c.kind, c.record, { tombstone: c.deleted }),
    ...(c.deleted ? {} : stagedFlags(c.kind, c.record)),
  };
}
