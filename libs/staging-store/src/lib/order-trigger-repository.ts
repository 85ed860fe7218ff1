import type { Pool } from 'pg';

/** ok: the last call succeeded; failed: it failed and will be retried; gave-up: retries ran out. */
export type OrderTriggerOutcome = 'ok' | 'failed' | 'gave-up';

/** What the operator sees of a tenant's order trigger. */
export interface OrderTriggerStatus {
  tenantId: string;
  /** A call is owed: a paid order was staged since the last successful call. */
  pending: boolean;
  requestedAt: Date | null;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  failures: number;
  lastOutcome: OrderTriggerOutcome | null;
  lastStatus: number | null;
  lastError: string | null;
  lastSuccessAt: Date | null;
  callsOk: number;
  callsFailed: number;
}

/** A claimed call: only the holder of this `attemptSeq` may record its outcome. */
export interface OrderTriggerClaim {
  tenantId: string;
  attemptSeq: number;
  /** Failures so far of the owed call (0 on a first attempt). */
  failures: number;
}

interface Row {
  tenant_id: string;
  pending: boolean;
  requested_at: Date | null;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  failures: number;
  last_outcome: OrderTriggerOutcome | null;
  last_status: number | null;
  last_error: string | null;
  last_success_at: Date | null;
  calls_ok: number;
  calls_failed: number;
}

function toStatus(r: Row): OrderTriggerStatus {
  return {
    tenantId: r.tenant_id,
    pending: r.pending,
    requestedAt: r.requested_at,
    nextAttemptAt: r.next_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    failures: r.failures,
    lastOutcome: r.last_outcome,
    lastStatus: r.last_status,
    lastError: r.last_error,
    lastSuccessAt: r.last_success_at,
    callsOk: r.calls_ok,
    callsFailed: r.calls_failed,
  };
}

/**
 * The order trigger's state per tenant, in PostgreSQL so that any number of schedulers share one rate limit:
 * a call is claimed by one conditional UPDATE (owed, back-off over, minimum interval since the last attempt), and
 * the claim's sequence number fences the outcome (a late answer of an older claim changes nothing).
 */
export class OrderTriggerRepository {
  constructor(private readonly db: Pool) {}

  /** A paid order was staged: a call is owed. An ongoing back-off is kept. */
  async request(tenantId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO order_trigger (tenant_id, pending, requested_at) VALUES ($1, true, clock_timestamp())
       ON CONFLICT (tenant_id) DO UPDATE SET pending = true, requested_at = clock_timestamp(), updated_at = now()`,
      [tenantId],
    );
  }

  /** Tenants with a call owed whose back-off has run out (the rate limit is checked by `claim`). */
  async due(): Promise<string[]> {
    const r = await this.db.query<{ tenant_id: string }>(
      `SELECT tenant_id FROM order_trigger WHERE pending AND next_attempt_at <= now() ORDER BY next_attempt_at`,
    );
    return r.rows.map((x) => x.tenant_id);
  }

  /**
   * Claims the owed call unless the last attempt was less than `minIntervalMs` ago or a back-off is running.
   * The claim holds for `leaseMs` (the call's time-out and some): a scheduler that dies mid-call leaves the call
   * owed, and another one takes it after the lease.
   */
  async claim(
    tenantId: string,
    options: { minIntervalMs: number; leaseMs: number },
  ): Promise<OrderTriggerClaim | null> {
    const r = await this.db.query<{ attempt_seq: number; failures: number }>(
      `UPDATE order_trigger SET attempt_seq = attempt_seq + 1, last_attempt_at = clock_timestamp(),
              next_attempt_at = clock_timestamp() + make_interval(secs => $3::float8 / 1000), updated_at = now()
        WHERE tenant_id = $1 AND pending AND next_attempt_at <= clock_timestamp()
          AND (last_attempt_at IS NULL OR last_attempt_at <= clock_timestamp() - make_interval(secs => $2::float8 / 1000))
        RETURNING attempt_seq, failures`,
      [tenantId, options.minIntervalMs, options.leaseMs],
    );
    const row = r.rows[0];
    return row ? { tenantId, attemptSeq: row.attempt_seq, failures: row.failures } : null;
  }

  /**
   * The call succeeded. Still owed if another order was staged after the attempt began (that order may have
   * come too late for the till's fetch). Returns false when the claim was superseded.
   */
  async succeeded(claim: OrderTriggerClaim, status: number): Promise<boolean> {
    const r = await this.db.query(
      `UPDATE order_trigger SET pending = requested_at >= last_attempt_at, failures = 0, next_attempt_at = now(),
              last_outcome = 'ok', last_status = $3, last_error = NULL, last_success_at = now(), calls_ok = calls_ok + 1, updated_at = now()
        WHERE tenant_id = $1 AND attempt_seq = $2`,
      [claim.tenantId, claim.attemptSeq, status],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /**
   * The call failed: retried after `retryInMs`, or given up after `maxAttempts` failures (then only a newer
   * order owes a new call; the order itself still reaches PCK with «Oppfrisk»). Returns the outcome recorded,
   * or null when the claim was superseded.
   */
  async failed(
    claim: OrderTriggerClaim,
    failure: { status: number | null; error: string; retryInMs: number; maxAttempts: number },
  ): Promise<OrderTriggerOutcome | null> {
    const r = await this.db.query<{ last_outcome: OrderTriggerOutcome }>(
      `UPDATE order_trigger SET
              failures = CASE WHEN failures + 1 >= $5 THEN 0 ELSE failures + 1 END,
              pending = CASE WHEN failures + 1 >= $5 THEN requested_at >= last_attempt_at ELSE true END,
              last_outcome = CASE WHEN failures + 1 >= $5 THEN 'gave-up' ELSE 'failed' END,
              next_attempt_at = now() + make_interval(secs => $6::float8 / 1000),
              last_status = $3, last_error = left($4, 500), calls_failed = calls_failed + 1, updated_at = now()
        WHERE tenant_id = $1 AND attempt_seq = $2
        RETURNING last_outcome`,
      [
        claim.tenantId,
        claim.attemptSeq,
        failure.status,
        failure.error,
        Math.max(1, failure.maxAttempts),
        failure.retryInMs,
      ],
    );
    return r.rows[0]?.last_outcome ?? null;
  }

  /** The tenant switched the trigger off (or was deactivated): nothing is owed any more. */
  async cancel(tenantId: string): Promise<void> {
    await this.db.query(
      `UPDATE order_trigger SET pending = false, failures = 0, updated_at = now() WHERE tenant_id = $1 AND pending`,
      [tenantId],
    );
  }

  /** The trigger's state for the operator (null: never requested). */
  async status(tenantId: string): Promise<OrderTriggerStatus | null> {
    const r = await this.db.query<Row>('SELECT * FROM order_trigger WHERE tenant_id = $1', [tenantId]);
    return r.rows[0] ? toStatus(r.rows[0]) : null;
  }
}
