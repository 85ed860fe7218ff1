import type { Pool } from 'pg';

/** A tenant whose flush rests because its shop is unavailable (see `FlushPauseRepository`). */
export interface FlushPauseRecord {
  tenantId: string;
  /** Why, as a code of the batching engine's `ShopFaultCode` (`auth`, `server`, `unreachable`…). */
  code: string;
  /** For the operator, in Norwegian. */
  reason: string;
  /** Technical detail (the shop client's message). */
  detail: string | null;
  /** Consecutive failed tries since the outage began. */
  failures: number;
  /** When the outage was first seen. */
  since: Date;
  /** No batch is tried for this tenant before this (a successful shop probe may end it sooner). */
  pausedUntil: Date;
  /** Whether the pause still runs (by the database's clock, like leases). */
  active: boolean;
  updatedAt: Date;
}

export interface PauseInput {
  code: string;
  reason: string;
  detail?: string | null;
  /** First pause; doubles with each consecutive failure. */
  baseMs: number;
  /** Longest pause. */
  capMs: number;
  /** At least this long (the shop's Retry-After), still capped by `capMs`. */
  minMs?: number;
  /**
   * A code that says less than the one already stored (e.g. `circuit-open`, which follows a 503): with it, the
   * pause grows but keeps its earlier code, reason and detail.
   */
  keepReasonFor?: string;
}

interface PauseRow {
  tenant_id: string;
  code: string;
  reason: string;
  detail: string | null;
  failures: number;
  since: Date;
  paused_until: Date;
  active: boolean;
  updated_at: Date;
}

const toRecord = (r: PauseRow): FlushPauseRecord => ({
  tenantId: r.tenant_id,
  code: r.code,
  reason: r.reason,
  detail: r.detail,
  failures: r.failures,
  since: r.since,
  pausedUntil: r.paused_until,
  active: r.active,
  updatedAt: r.updated_at,
});

/**
 * Shop outages per tenant, in PostgreSQL so every scheduler sees them (and the admin API can show why a tenant's
 * changes wait). While a tenant is paused its changes are not claimed, so an outage consumes no attempts.
 */
export class FlushPauseRepository {
  constructor(private readonly db: Pool) {}

  /**
   * Records one more failed try against the tenant's shop: the pause grows from `baseMs`, doubling per consecutive
   * failure, up to `capMs`. Returns the pause as stored.
   */
  async pause(tenantId: string, input: PauseInput): Promise<FlushPauseRecord> {
    const r = await this.db.query<PauseRow>(
      `INSERT INTO flush_pause AS f (tenant_id, code, reason, detail, failures, paused_until)
       VALUES ($1, $2, $3, $4, 1, now() + make_interval(secs => least($6::float8, greatest($5::float8, $7::float8)) / 1000))
       ON CONFLICT (tenant_id) DO UPDATE SET
         code = CASE WHEN EXCLUDED.code = $8 THEN f.code ELSE EXCLUDED.code END,
         reason = CASE WHEN EXCLUDED.code = $8 THEN f.reason ELSE EXCLUDED.reason END,
         detail = CASE WHEN EXCLUDED.code = $8 THEN f.detail ELSE EXCLUDED.detail END,
         failures = f.failures + 1,
         paused_until = now() + make_interval(secs => least($6::float8, greatest($5::float8 * power(2, least(f.failures, 30)), $7::float8)) / 1000),
         updated_at = now()
       RETURNING *, paused_until > now() AS active`,
      [
        tenantId,
        input.code,
        input.reason,
        (input.detail ?? '').slice(0, 2000) || null,
        input.baseMs,
        input.capMs,
        input.minMs ?? 0,
        input.keepReasonFor ?? null,
      ],
    );
    return toRecord(r.rows[0]);
  }

  /** The shop answers again: the pause ends. Returns whether the tenant was paused. */
  async resume(tenantId: string): Promise<boolean> {
    const r = await this.db.query('DELETE FROM flush_pause WHERE tenant_id = $1', [tenantId]);
    return (r.rowCount ?? 0) > 0;
  }

  /**
   * The tenant's shop health as the scheduler last saw it: undefined when its flush is not paused. For the admin
   * API and the console ("butikken svarer ikke siden … fordi …").
   */
  async get(tenantId: string): Promise<FlushPauseRecord | undefined> {
    const r = await this.db.query<PauseRow>(
      'SELECT *, paused_until > now() AS active FROM flush_pause WHERE tenant_id = $1',
      [tenantId],
    );
    return r.rows[0] ? toRecord(r.rows[0]) : undefined;
  }

  /** Tenants whose pause still runs (by the database's clock, like leases). */
  async activeTenantIds(): Promise<Set<string>> {
    const r = await this.db.query<{ tenant_id: string }>(
      'SELECT tenant_id FROM flush_pause WHERE paused_until > now()',
    );
    return new Set(r.rows.map((x) => x.tenant_id));
  }

  /** Every paused tenant (including pauses whose time ran out and whose next try has not yet come). */
  async list(): Promise<FlushPauseRecord[]> {
    const r = await this.db.query<PauseRow>('SELECT *, paused_until > now() AS active FROM flush_pause ORDER BY since');
    return r.rows.map(toRecord);
  }
}
