import type { Pool, PoolClient } from 'pg';
import { hash } from 'node:crypto';

/** One change to stage: the latest state of one entity as PCK sent it. */
export interface EntityChange {
  kind: string;
  key: string;
  /** JSON form of the TwinXML record. */
  record: unknown;
  /**
   * PCK's `timestamp`; an older one never overwrites a newer one. Absent for calls that carry none (images,
   * removals): those are ordered by their arrival in the database, never against a clock of the gateway.
   */
  pckTimestamp?: bigint;
  /** A removal (tombstone). */
  deleted?: boolean;
}

/**
 * A change already serialised: its stored JSON text and content hash, without the record object. A queue of waiting
 * calls (StageCoalescer) holds these, so each record's object graph can be freed as soon as the call is queued.
 */
export interface PreparedChange {
  kind: string;
  key: string;
  pckTimestamp: bigint | undefined;
  deleted: boolean;
  text: string;
  hash: string;
}

/** One caller's changes for one tenant (see EntityRepository.stageMany). */
export interface StageRequest {
  tenantId: string;
  changes: readonly (EntityChange | PreparedChange)[];
}

/**
 * Serialises a change once: the stored JSON text is also what is hashed. Callers build records deterministically
 * (twinxml's recordToJson has a fixed member order), so equal content gives equal text.
 */
export function prepareChange(change: EntityChange | PreparedChange): PreparedChange {
  if ('text' in change) return change;
  const text = JSON.stringify(change.record ?? null);
  const deleted = change.deleted ?? false;
  return {
    kind: change.kind,
    key: change.key,
    pckTimestamp: change.pckTimestamp,
    deleted,
    text,
    hash: hash('sha256', (deleted ? 'D' : 'U') + text),
  };
}

/** created: new entity; updated: content changed; unchanged: exact repeat; stale: older timestamp, ignored. */
export type StageOutcome = 'created' | 'updated' | 'unchanged' | 'stale';

export interface StagedEntity {
  kind: string;
  key: string;
  outcome: StageOutcome;
}

export interface ClaimedEntity {
  tenantId: string;
  kind: string;
  key: string;
  record: unknown;
  deleted: boolean;
  /** The version this claim carries; completing it marks exactly this version applied. */
  version: bigint;
  attempts: number;
  pendingSince: Date | null;
  /** PCK's timestamp of the claimed state; null when that state came from a call without one. */
  pckTimestamp: bigint | null;
  /**
   * The database's arrival order of the claimed state: with pckTimestamp, lets a planner tell which of two related
   * changes is newer (PCK's timestamps when both carry one, arrival otherwise; never two clocks at once).
   */
  arrival: bigint;
}

export interface EntityResult {
  kind: string;
  key: string;
  version: bigint;
  ok: boolean;
  error?: string;
}

/** Attempts after which a failing entity is dead-lettered unless told otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 8;

export interface CompleteOptions {
  /** Attempts after which a failing entity is dead-lettered (default DEFAULT_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** First retry delay in ms (default 1000); doubles per attempt, with jitter. */
  backoffBaseMs?: number;
  /** Longest retry delay in ms (default 10 minutes). */
  backoffCapMs?: number;
}

export interface TenantBacklog {
  tenantId: string;
  pending: number;
  due: number;
  deadLettered: number;
  oldestPendingSince: Date | null;
  /** When the newest pending change was staged (drives a quiet-period flush). */
  newestChangeAt: Date | null;
}

type Queryable = Pool | PoolClient;

/** An entity that failed `maxAttempts` times and waits for an operator. */
export interface DeadLetter {
  kind: string;
  key: string;
  record: unknown;
  deleted: boolean;
  attempts: number;
  lastError: string | null;
  pendingSince: Date | null;
  deadLetteredAt: Date;
}

export interface PendingByKind {
  kind: string;
  pending: number;
  deadLettered: number;
  oldestPendingSince: Date | null;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Keeps, per (kind, key), the change the statement would keep had they come one by one: a later change without
 * a timestamp wins (arrival order); one with a timestamp wins unless an earlier one had a higher timestamp.
 */
function latestPerKey<C extends { kind: string; key: string; pckTimestamp?: bigint | undefined }>(
  changes: readonly C[],
): C[] {
  const byKey = new Map<string, C>();
  for (const change of changes) {
    const id = `${change.kind}\u0000${change.key}`;
    const seen = byKey.get(id);
    if (
      !seen ||
      change.pckTimestamp === undefined ||
      seen.pckTimestamp === undefined ||
      change.pckTimestamp >= seen.pckTimestamp
    )
      byKey.set(id, change);
  }
  return [...byKey.values()];
}

// The timestamp guard is this one statement: the conflict branch only fires when the incoming
// timestamp is newer (or equal with other content), and PostgreSQL re-checks that condition against
// the latest committed row under concurrent writers, so the newest change wins in either order.
// One clock per entity: a change without PCK's timestamp (image, removal) is ordered by arrival, i.e. it is newer
// than whatever is stored, and it leaves the stored PCK timestamp (the guard for PCK's later calls) alone; a change
// with one is compared with PCK's own earlier timestamps only. No gateway clock is ever compared with PCK's.
// An exact repeat with a newer timestamp advances the timestamp but not the dirty version; it does bring a dead
// letter back (PCK sending it again is the till's way of saying «try again»), with fresh attempts.
// An exact repeat with a newer timestamp advances the timestamp but not the dirty version (nor updated_at, which
// says when the content last changed). Outcomes come from the row the upsert really wrote, not from the
// statement's snapshot, so a change that waited on a concurrent writer is answered against that writer's row:
// xmax = 0 marks an inserted row, and updated_at (microseconds) equals this statement's timestamp only where
// this statement changed the content.
// Rows may belong to several tenants (coalesced calls), but never name one entity twice. They arrive as ONE
// JSON array of [tenant, kind, key, record, deleted, timestamp, hash] (records embedded as the JSON text that
// was hashed): cheaper on both sides than seven parallel arrays whose JSON elements need array-literal escaping.
const STAGE_SQL = `
WITH input AS (
  SELECT (r->>0)::uuid AS tenant_id, r->>1 AS kind, r->>2 AS key, r->3 AS record, (r->>4)::bool AS deleted,
         (r->>5)::int8 AS ts, r->>6 AS hash
    FROM jsonb_array_elements($1::jsonb) AS r
), upserted AS (
  INSERT INTO entity_state AS e (tenant_id, kind, key, record, deleted, pck_timestamp, pck_stamped, content_hash)
  SELECT tenant_id, kind, key, record, deleted, ts, ts IS NOT NULL, hash FROM input
  ON CONFLICT (tenant_id, kind, key) DO UPDATE SET
    record = EXCLUDED.record,
    deleted = EXCLUDED.deleted,
    pck_timestamp = GREATEST(e.pck_timestamp, EXCLUDED.pck_timestamp),
    pck_stamped = CASE WHEN e.content_hash = EXCLUDED.content_hash THEN e.pck_stamped OR EXCLUDED.pck_stamped ELSE EXCLUDED.pck_stamped END,
    arrival = CASE WHEN e.content_hash = EXCLUDED.content_hash THEN e.arrival ELSE nextval('entity_state_arrival_seq') END,
    content_hash = EXCLUDED.content_hash,
    dirty_version = e.dirty_version + (e.content_hash <> EXCLUDED.content_hash)::int,
    pending_since = CASE
      WHEN e.content_hash = EXCLUDED.content_hash OR e.dirty_version > e.applied_version THEN e.pending_since
      ELSE now() END,
    attempts = CASE WHEN e.content_hash = EXCLUDED.content_hash AND e.dead_lettered_at IS NULL THEN e.attempts ELSE 0 END,
    next_attempt_at = CASE WHEN (e.content_hash = EXCLUDED.content_hash AND e.dead_lettered_at IS NULL) OR e.next_attempt_at <= now() THEN e.next_attempt_at ELSE now() END,
    dead_lettered_at = NULL,
    last_error = CASE WHEN e.content_hash = EXCLUDED.content_hash AND e.dead_lettered_at IS NULL THEN e.last_error END,
    updated_at = CASE WHEN e.content_hash = EXCLUDED.content_hash THEN e.updated_at ELSE statement_timestamp() END
  WHERE EXCLUDED.pck_timestamp IS NULL
     OR e.pck_timestamp IS NULL
     OR EXCLUDED.pck_timestamp > e.pck_timestamp
     OR (EXCLUDED.pck_timestamp = e.pck_timestamp AND EXCLUDED.content_hash <> e.content_hash)
  RETURNING e.tenant_id, e.kind, e.key, e.xmax = 0 AS inserted, e.updated_at = statement_timestamp() AS changed
)
SELECT i.tenant_id, i.kind, i.key,
  CASE WHEN u.key IS NULL THEN 'stale'
       WHEN u.inserted THEN 'created'
       WHEN u.changed THEN 'updated'
       ELSE 'unchanged' END AS outcome
FROM input i
LEFT JOIN upserted u USING (tenant_id, kind, key)`;

// Candidates are locked in due order (SKIP LOCKED); of those, the batch takes records while their stored size
// (pg_column_size: read from the header, nothing detoasted; base64 images barely compress) stays within $5 bytes
// (always at least one): a batch of whole images must not outgrow the scheduler's heap. Locked
// candidates beyond the budget are unlocked when the statement ends, untouched.
const CLAIM_SQL = `
WITH candidate AS (
  SELECT tenant_id, kind, key, pending_since, pg_column_size(record)::int8 AS bytes FROM entity_state
   WHERE tenant_id = $1
     AND dirty_version > applied_version
     AND dead_lettered_at IS NULL
     AND next_attempt_at <= now()
     AND (lease_expires_at IS NULL OR lease_expires_at < now())
   ORDER BY pending_since NULLS LAST
   LIMIT $4
   FOR UPDATE SKIP LOCKED
), sized AS (
  SELECT tenant_id, kind, key, bytes,
         sum(bytes) OVER (ORDER BY pending_since NULLS LAST, kind, key ROWS UNBOUNDED PRECEDING) AS upto
    FROM candidate
), due AS (
  SELECT tenant_id, kind, key FROM sized WHERE upto - bytes = 0 OR upto <= $5::int8
)
UPDATE entity_state e
   SET lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3::float8 / 1000)
  FROM due
 WHERE e.tenant_id = due.tenant_id AND e.kind = due.kind AND e.key = due.key
RETURNING e.tenant_id, e.kind, e.key, e.record, e.deleted, e.dirty_version, e.attempts, e.pending_since,
          CASE WHEN e.pck_stamped THEN e.pck_timestamp END AS pck_timestamp, e.arrival`;

interface ClaimRow {
  tenant_id: string;
  kind: string;
  key: string;
  record: unknown;
  deleted: boolean;
  dirty_version: bigint;
  attempts: number;
  pending_since: Date | null;
  pck_timestamp: bigint | null;
  arrival: bigint;
}

export class EntityRepository {
  constructor(private readonly db: Pool) {}

  /**
   * Stages changes in one statement (one transaction): the latest state per key, guarded by PCK's
   * timestamp. Durable when it returns.
   */
  async stage(
    tenantId: string,
    changes: readonly EntityChange[],
    client: Queryable = this.db,
  ): Promise<StagedEntity[]> {
    const [staged] = await this.stageMany([{ tenantId, changes }], client);
    return staged;
  }

  /**
   * Several callers' changes in ONE statement (one transaction, one commit): what a coalescing writer sends
   * for concurrent calls. No entity may appear in two requests (the statement could not update one row twice);
   * StageCoalescer keeps such requests apart. Returns each request's outcomes, in order.
   */
  async stageMany(requests: readonly StageRequest[], client: Queryable = this.db): Promise<StagedEntity[][]> {
    const perRequest = requests.map((r) => latestPerKey(r.changes));
    // Rows in one fixed order (tenant, kind, key): two statements in flight at once lock shared rows in the
    // same order, so they wait for each other instead of deadlocking.
    const rows = perRequest.flatMap((changes, i) =>
      changes.map((change) => ({ tenantId: requests[i].tenantId.toLowerCase(), change: prepareChange(change) })),
    );
    rows.sort(
      (x, y) =>
        compare(x.tenantId, y.tenantId) || compare(x.change.kind, y.change.kind) || compare(x.change.key, y.change.key),
    );
    if (rows.length === 0) return perRequest.map(() => []);
    const parts: string[] = [];
    for (const { tenantId, change: r } of rows) {
      const ts = r.pckTimestamp === undefined ? 'null' : `"${r.pckTimestamp}"`;
      parts.push(
        `[${JSON.stringify(tenantId)},${JSON.stringify(r.kind)},${JSON.stringify(r.key)},${r.text},${r.deleted},${ts},"${r.hash}"]`,
      );
    }
    // A named statement: each pooled connection parses and plans this CTE once (planning cost more than running).
    const result = await client.query<{ tenant_id: string; kind: string; key: string; outcome: StageOutcome }>({
      name: 'pcknop_stage_entities',
      text: STAGE_SQL,
      values: [`[${parts.join(',')}]`],
    });
    const outcomes = new Map<string, StageOutcome>();
    for (const row of result.rows) outcomes.set(`${row.tenant_id}\u0000${row.kind}\u0000${row.key}`, row.outcome);
    return perRequest.map((rows, i) =>
      rows.map((r) => ({
        kind: r.kind,
        key: r.key,
        outcome: outcomes.get(`${requests[i].tenantId.toLowerCase()}\u0000${r.kind}\u0000${r.key}`) ?? 'stale',
      })),
    );
  }

  /**
   * Leases up to `limit` due entities of a tenant for `leaseMs`, oldest first, while their stored JSON stays within
   * `maxBytes` (at least one entity, however large). Concurrent workers never get the same entity (SKIP LOCKED);
   * a lease that expires (a worker died) makes the entity claimable again.
   */
  async claim(
    tenantId: string,
    owner: string,
    options: { limit: number; leaseMs: number; maxBytes?: number },
  ): Promise<ClaimedEntity[]> {
    const maxBytes = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
    const result = await this.db.query<ClaimRow>(CLAIM_SQL, [
      tenantId,
      owner,
      options.leaseMs,
      options.limit,
      maxBytes,
    ]);
    return result.rows.map((r) => ({
      tenantId: r.tenant_id,
      kind: r.kind,
      key: r.key,
      record: r.record,
      deleted: r.deleted,
      version: r.dirty_version,
      attempts: r.attempts,
      pendingSince: r.pending_since,
      pckTimestamp: r.pck_timestamp,
      arrival: r.arrival,
    }));
  }

  /**
   * Records the outcome of claimed entities. Success marks the claimed version applied (a newer
   * change that arrived meanwhile stays pending); failure schedules a retry with back-off, or
   * dead-letters after `maxAttempts`. Only rows whose lease `owner` still holds (not expired: fencing) are
   * touched; returns how many. A result whose lease ran out is dropped: the entity is claimed and applied again.
   */
  async complete(
    tenantId: string,
    owner: string,
    results: readonly EntityResult[],
    options: CompleteOptions = {},
  ): Promise<number> {
    if (results.length === 0) return 0;
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const ok = results.filter((r) => r.ok);
    const failed = results.filter((r) => !r.ok);
    let touched = 0;
    if (ok.length > 0) {
      const r = await this.db.query(
        `UPDATE entity_state e SET
           applied_version = GREATEST(e.applied_version, x.version),
           attempts = 0, last_error = NULL, lease_owner = NULL, lease_expires_at = NULL,
           pending_since = CASE WHEN e.dirty_version > GREATEST(e.applied_version, x.version) THEN now() END,
           updated_at = now()
         FROM unnest($3::text[], $4::text[], $5::int8[]) AS x(kind, key, version)
         WHERE e.tenant_id = $1 AND e.kind = x.kind AND e.key = x.key AND e.lease_owner = $2 AND e.lease_expires_at > now()`,
        [tenantId, owner, ok.map((x) => x.kind), ok.map((x) => x.key), ok.map((x) => x.version.toString())],
      );
      touched += r.rowCount ?? 0;
    }
    if (failed.length > 0) {
      // Exponential back-off from the row's own attempt count, with jitter (half to full delay).
      const r = await this.db.query(
        `UPDATE entity_state e SET
           attempts = e.attempts + 1,
           last_error = x.error,
           next_attempt_at = now() + make_interval(secs =>
             least($7::float8, $6::float8 * power(2, e.attempts)) * (0.5 + random() / 2) / 1000.0),
           dead_lettered_at = CASE WHEN e.attempts + 1 >= $8 THEN now() END,
           lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
         FROM unnest($3::text[], $4::text[], $5::text[]) AS x(kind, key, error)
         WHERE e.tenant_id = $1 AND e.kind = x.kind AND e.key = x.key AND e.lease_owner = $2 AND e.lease_expires_at > now()`,
        [
          tenantId,
          owner,
          failed.map((x) => x.kind),
          failed.map((x) => x.key),
          failed.map((x) => (x.error ?? 'failed').slice(0, 2000)),
          options.backoffBaseMs ?? 1000,
          options.backoffCapMs ?? 600_000,
          maxAttempts,
        ],
      );
      touched += r.rowCount ?? 0;
    }
    return touched;
  }

  /** Gives back leases without counting an attempt (shutdown, shop outage): all of `owner`'s, or these entities. */
  async release(
    tenantId: string,
    owner: string,
    entities?: ReadonlyArray<{ kind: string; key: string }>,
  ): Promise<number> {
    if (entities && entities.length === 0) return 0;
    const r = await this.db.query(
      `UPDATE entity_state SET lease_owner = NULL, lease_expires_at = NULL
        WHERE tenant_id = $1 AND lease_owner = $2
          AND ($3::text[] IS NULL OR (kind, key) IN (SELECT * FROM unnest($3::text[], $4::text[])))`,
      [tenantId, owner, entities?.map((e) => e.kind) ?? null, entities?.map((e) => e.key) ?? null],
    );
    return r.rowCount ?? 0;
  }

  /**
   * Extends leases `owner` still holds on these entities to `leaseMs` from now; a lease already expired is not
   * revived (another worker may have it). Returns how many were renewed: fewer than asked means a lease was lost.
   */
  async renew(
    tenantId: string,
    owner: string,
    entities: ReadonlyArray<{ kind: string; key: string }>,
    leaseMs: number,
  ): Promise<number> {
    if (entities.length === 0) return 0;
    const r = await this.db.query(
      `UPDATE entity_state e SET lease_expires_at = now() + make_interval(secs => $5::float8 / 1000)
         FROM unnest($3::text[], $4::text[]) AS x(kind, key)
        WHERE e.tenant_id = $1 AND e.kind = x.kind AND e.key = x.key AND e.lease_owner = $2 AND e.lease_expires_at > now()`,
      [tenantId, owner, entities.map((e) => e.kind), entities.map((e) => e.key), leaseMs],
    );
    return r.rowCount ?? 0;
  }

  /** Puts dead-lettered entities of a tenant back in the queue (all, or the given kind/keys). */
  async requeueDeadLetters(tenantId: string, filter: { kind?: string; keys?: string[] } = {}): Promise<number> {
    const r = await this.db.query(
      `UPDATE entity_state SET dead_lettered_at = NULL, attempts = 0, next_attempt_at = now(), last_error = NULL
        WHERE tenant_id = $1 AND dead_lettered_at IS NOT NULL
          AND ($2::text IS NULL OR kind = $2) AND ($3::text[] IS NULL OR key = ANY($3))`,
      [tenantId, filter.kind ?? null, filter.keys ?? null],
    );
    return r.rowCount ?? 0;
  }

  /** Pending work per tenant, for fairness, flush policy and metrics. */
  async backlog(tenantId?: string): Promise<TenantBacklog[]> {
    const r = await this.db.query<{
      tenant_id: string;
      pending: string;
      due: string;
      dead: string;
      oldest: Date | null;
      newest: Date | null;
    }>(
      `SELECT tenant_id,
              count(*) FILTER (WHERE dead_lettered_at IS NULL) AS pending,
              count(*) FILTER (WHERE dead_lettered_at IS NULL AND next_attempt_at <= now()
                                 AND (lease_expires_at IS NULL OR lease_expires_at < now())) AS due,
              count(*) FILTER (WHERE dead_lettered_at IS NOT NULL) AS dead,
              min(pending_since) FILTER (WHERE dead_lettered_at IS NULL) AS oldest,
              max(updated_at) FILTER (WHERE dead_lettered_at IS NULL) AS newest
         FROM entity_state
        WHERE dirty_version > applied_version AND ($1::uuid IS NULL OR tenant_id = $1)
        GROUP BY tenant_id`,
      [tenantId ?? null],
    );
    return r.rows.map((x) => ({
      tenantId: x.tenant_id,
      pending: Number(x.pending),
      due: Number(x.due),
      deadLettered: Number(x.dead),
      oldestPendingSince: x.oldest,
      newestChangeAt: x.newest,
    }));
  }

  /**
   * Dead letters of a tenant, oldest failure first: the record as staged, the last (technical) error, attempts,
   * when it was staged (first failure is at most that late) and when it was dead-lettered (last failure).
   */
  async deadLetters(
    tenantId: string,
    filter: { kind?: string; limit?: number; offset?: number } = {},
  ): Promise<{ total: number; items: DeadLetter[] }> {
    const r = await this.db.query<{
      kind: string;
      key: string;
      record: unknown;
      deleted: boolean;
      attempts: number;
      last_error: string | null;
      pending_since: Date | null;
      dead_lettered_at: Date;
      total: string;
    }>(
      `SELECT kind, key, record, deleted, attempts, last_error, pending_since, dead_lettered_at, count(*) OVER () AS total
         FROM entity_state WHERE tenant_id = $1 AND dead_lettered_at IS NOT NULL AND ($2::text IS NULL OR kind = $2)
        ORDER BY dead_lettered_at, kind, key LIMIT $3 OFFSET $4`,
      [tenantId, filter.kind ?? null, filter.limit ?? 50, filter.offset ?? 0],
    );
    const items = r.rows.map((x) => ({
      kind: x.kind,
      key: x.key,
      record: x.record,
      deleted: x.deleted,
      attempts: x.attempts,
      lastError: x.last_error,
      pendingSince: x.pending_since,
      deadLetteredAt: x.dead_lettered_at,
    }));
    if (items.length > 0) return { total: Number(r.rows[0].total), items };
    const c = await this.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM entity_state WHERE tenant_id = $1 AND dead_lettered_at IS NOT NULL AND ($2::text IS NULL OR kind = $2)',
      [tenantId, filter.kind ?? null],
    );
    return { total: Number(c.rows[0].n), items };
  }

  /**
   * Gives up on dead letters (operator action): their current version counts as applied, so they leave the queue
   * until PCK sends a newer change. The reason is kept as the row's last error.
   */
  async dismissDeadLetters(
    tenantId: string,
    filter: { kind?: string; keys?: string[] },
    reason: string,
  ): Promise<number> {
    const r = await this.db.query(
      `UPDATE entity_state SET applied_version = dirty_version, dead_lettered_at = NULL, pending_since = NULL, attempts = 0,
              last_error = $4, lease_owner = NULL, lease_expires_at = NULL
        WHERE tenant_id = $1 AND dead_lettered_at IS NOT NULL
          AND ($2::text IS NULL OR kind = $2) AND ($3::text[] IS NULL OR key = ANY($3))`,
      [tenantId, filter.kind ?? null, filter.keys ?? null, `dismissed: ${reason}`.slice(0, 2000)],
    );
    return r.rowCount ?? 0;
  }

  /**
   * Queues the current state of these entities again (every kind with one of the keys), e.g. what a
   * reconciliation found different in the shop. Dead letters among them get a fresh start.
   */
  async restage(tenantId: string, keys: readonly string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const r = await this.db.query(
      `UPDATE entity_state SET dirty_version = GREATEST(dirty_version, applied_version) + 1,
              pending_since = coalesce(pending_since, now()), next_attempt_at = now(), attempts = 0,
              dead_lettered_at = NULL, last_error = NULL
        WHERE tenant_id = $1 AND key = ANY($2)`,
      [tenantId, [...new Set(keys)]],
    );
    return r.rowCount ?? 0;
  }

  /** Pending (not dead-lettered) entities of a tenant per kind, and the oldest one's age: cheap enough to poll. */
  async pendingByKind(tenantId: string): Promise<PendingByKind[]> {
    const r = await this.db.query<{ kind: string; pending: string; dead: string; oldest: Date | null }>(
      `SELECT kind, count(*) FILTER (WHERE dead_lettered_at IS NULL) AS pending,
              count(*) FILTER (WHERE dead_lettered_at IS NOT NULL) AS dead,
              min(pending_since) FILTER (WHERE dead_lettered_at IS NULL) AS oldest
         FROM entity_state WHERE tenant_id = $1 AND dirty_version > applied_version
        GROUP BY kind ORDER BY kind`,
      [tenantId],
    );
    return r.rows.map((x) => ({
      kind: x.kind,
      pending: Number(x.pending),
      deadLettered: Number(x.dead),
      oldestPendingSince: x.oldest,
    }));
  }

  /**
   * The changes whose content equals what is staged for their entity now (same content hash, as `stage` computes it),
   * in one read without locks: a caller may skip re-staging those. Compared by hash, not by the stored jsonb, whose
   * key order PostgreSQL rewrites.
   */
  async unchanged<C extends EntityChange | PreparedChange>(tenantId: string, changes: readonly C[]): Promise<C[]> {
    if (changes.length === 0) return [];
    const prepared = changes.map(prepareChange);
    const r = await this.db.query<{ i: number }>(
      `SELECT c.i FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS c(kind, key, hash, i)
         JOIN entity_state e ON e.tenant_id = $1 AND e.kind = c.kind AND e.key = c.key AND e.content_hash = c.hash`,
      [tenantId, prepared.map((c) => c.kind), prepared.map((c) => c.key), prepared.map((c) => c.hash)],
    );
    return r.rows.map((x) => changes[Number(x.i) - 1]);
  }

  /** The staged state of some entities (reconciliation, admin). */
  async get(tenantId: string, kind: string, keys: readonly string[]) {
    const r = await this.db.query<{
      key: string;
      record: unknown;
      deleted: boolean;
      pck_timestamp: bigint | null;
      pck_stamped: boolean;
      arrival: bigint;
      dirty_version: bigint;
      applied_version: bigint;
      attempts: number;
      last_error: string | null;
      dead_lettered_at: Date | null;
    }>(
      `SELECT key, record, deleted, pck_timestamp, pck_stamped, arrival, dirty_version, applied_version, attempts, last_error, dead_lettered_at
         FROM entity_state WHERE tenant_id = $1 AND kind = $2 AND key = ANY($3)`,
      [tenantId, kind, keys],
    );
    return r.rows.map((x) => ({
      key: x.key,
      record: x.record,
      deleted: x.deleted,
      /** The highest PCK timestamp accepted (the guard); null when none came yet. */
      pckTimestamp: x.pck_timestamp,
      /** Whether the current state carried PCK's timestamp (false: ordered by arrival). */
      pckStamped: x.pck_stamped,
      arrival: x.arrival,
      dirtyVersion: x.dirty_version,
      appliedVersion: x.applied_version,
      attempts: x.attempts,
      lastError: x.last_error,
      deadLetteredAt: x.dead_lettered_at,
    }));
  }
}
