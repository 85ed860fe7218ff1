import type { Pool } from 'pg';

export type WebOrderState = 'staged' | 'returned' | 'transferred' | 'failed';

export interface WebOrderRecord {
  shopOrderId: number;
  state: WebOrderState;
  record: unknown;
  paidAt: Date | null;
  returnedCount: number;
  pckStatus: number | null;
  failureReason: string | null;
  capturedTotal: string;
  creditedTotal: string;
}

interface Row {
  shop_order_id: number;
  state: WebOrderState;
  record: unknown;
  paid_at: Date | null;
  returned_count: number;
  pck_status: number | null;
  failure_reason: string | null;
  captured_total: string;
  credited_total: string;
}

const COLUMNS =
  'shop_order_id, state, record, paid_at, returned_count, pck_status, failure_reason, captured_total, credited_total';

function toRecord(x: Row): WebOrderRecord {
  return {
    shopOrderId: x.shop_order_id,
    state: x.state,
    record: x.record,
    paidAt: x.paid_at,
    returnedCount: x.returned_count,
    pckStatus: x.pck_status,
    failureReason: x.failure_reason,
    capturedTotal: x.captured_total,
    creditedTotal: x.credited_total,
  };
}

export interface WebOrderTimeline {
  stagedAt: Date;
  paidAt: Date | null;
  lastReturnedAt: Date | null;
  transferredAt: Date | null;
  failedAt: Date | null;
}

/** Paid shop orders on their way to PCK: staged once per shop order id, handed over until acknowledged. */
export class WebOrderRepository {
  constructor(private readonly db: Pool) {}

  /** Stages orders; one already known (by shop order id) is left as it is. Returns the ids that were new. */
  async stage(
    tenantId: string,
    orders: readonly { shopOrderId: number; record: unknown; paidAt?: Date | null }[],
  ): Promise<number[]> {
    if (orders.length === 0) return [];
    const r = await this.db.query<{ shop_order_id: number }>(
      `INSERT INTO web_order (tenant_id, shop_order_id, record, paid_at)
       SELECT $1::uuid, * FROM unnest($2::int[], $3::jsonb[], $4::timestamptz[])
       ON CONFLICT (tenant_id, shop_order_id) DO NOTHING
       RETURNING shop_order_id`,
      [
        tenantId,
        orders.map((o) => o.shopOrderId),
        orders.map((o) => JSON.stringify(o.record)),
        orders.map((o) => o.paidAt ?? null),
      ],
    );
    return r.rows.map((x) => x.shop_order_id);
  }

  /**
   * The orders to hand to PCK in getOrders, marked `returned`. A current PCK (`{orderversion:2}`) acknowledges each
   * with status 4, so staged ones and ones returned but never acknowledged are handed over. An old PCK never
   * acknowledges: the caller confirms its orders with `confirmHandedOver` once the answer is written; until then
   * they are `returned`, and one whose answer was never confirmed is handed over again after `unconfirmedAfterMs`
   * (default 2 minutes; meanwhile a concurrent call does not get it twice).
   */
  async handOver(
    tenantId: string,
    options: { acknowledgesWithStatus: boolean; limit?: number; unconfirmedAfterMs?: number },
  ): Promise<WebOrderRecord[]> {
    const r = await this.db.query<Row>(
      `UPDATE web_order w SET
         state = 'returned',
         returned_count = w.returned_count + 1, returned_at = now(), updated_at = now()
        FROM (SELECT shop_order_id FROM web_order
               WHERE tenant_id = $1
                 AND (state = 'staged'
                      OR (state = 'returned' AND ($2 OR returned_at < now() - make_interval(secs => $4::float8 / 1000))))
               ORDER BY shop_order_id LIMIT $3 FOR UPDATE SKIP LOCKED) due
       WHERE w.tenant_id = $1 AND w.shop_order_id = due.shop_order_id
       RETURNING ${COLUMNS.split(', ')
         .map((c) => `w.${c}`)
         .join(', ')}`,
      [tenantId, options.acknowledgesWithStatus, options.limit ?? 500, options.unconfirmedAfterMs ?? 120_000],
    );
    return r.rows.map(toRecord).sort((a, b) => a.shopOrderId - b.shopOrderId);
  }

  /**
   * An old PCK (no status 4) has been sent these orders: the answer that carried them was written completely.
   * Only then are they transferred, so an answer lost on the way never loses an order.
   */
  async confirmHandedOver(tenantId: string, shopOrderIds: readonly number[]): Promise<number> {
    if (shopOrderIds.length === 0) return 0;
    const r = await this.db.query(
      `UPDATE web_order SET state = 'transferred', transferred_at = coalesce(transferred_at, now()), updated_at = now()
        WHERE tenant_id = $1 AND shop_order_id = ANY($2::int[]) AND state = 'returned'`,
      [tenantId, shopOrderIds],
    );
    return r.rowCount ?? 0;
  }

  /** Status 4: PCK has the order; it is never returned again. */
  async markTransferred(tenantId: string, shopOrderId: number, pckStatus = 4): Promise<boolean> {
    const r = await this.db.query(
      `UPDATE web_order SET state = 'transferred', pck_status = $3, transferred_at = coalesce(transferred_at, now()), updated_at = now()
        WHERE tenant_id = $1 AND shop_order_id = $2`,
      [tenantId, shopOrderId, pckStatus],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /** Status 7/8/10/11: PCK could not take the order; kept for the operator with the reason. */
  async markFailed(tenantId: string, shopOrderId: number, pckStatus: number, reason: string | null): Promise<boolean> {
    const r = await this.db.query(
      `UPDATE web_order SET state = 'failed', pck_status = $3, failure_reason = $4, failed_at = now(), updated_at = now()
        WHERE tenant_id = $1 AND shop_order_id = $2 AND state <> 'transferred'`,
      [tenantId, shopOrderId, pckStatus, reason],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /** Puts a failed order back so the next getOrders hands it over again (operator action). */
  async retry(tenantId: string, shopOrderId: number): Promise<boolean> {
    const r = await this.db.query(
      `UPDATE web_order SET state = 'staged', failure_reason = NULL, updated_at = now()
        WHERE tenant_id = $1 AND shop_order_id = $2 AND state = 'failed'`,
      [tenantId, shopOrderId],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async get(tenantId: string, shopOrderId: number): Promise<WebOrderRecord | null> {
    const r = await this.db.query<Row>(`SELECT ${COLUMNS} FROM web_order WHERE tenant_id = $1 AND shop_order_id = $2`, [
      tenantId,
      shopOrderId,
    ]);
    return r.rows[0] ? toRecord(r.rows[0]) : null;
  }

  async list(tenantId: string, state?: WebOrderState): Promise<WebOrderRecord[]> {
    const r = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM web_order WHERE tenant_id = $1 AND ($2::text IS NULL OR state = $2) ORDER BY shop_order_id`,
      [tenantId, state ?? null],
    );
    return r.rows.map(toRecord);
  }

  /** Adds to the captured or credited running totals (decimal strings, exact). */
  async addAmounts(
    tenantId: string,
    shopOrderId: number,
    amounts: { captured?: string; credited?: string },
  ): Promise<void> {
    await this.db.query(
      `UPDATE web_order SET captured_total = captured_total + $3::numeric, credited_total = credited_total + $4::numeric, updated_at = now()
        WHERE tenant_id = $1 AND shop_order_id = $2`,
      [tenantId, shopOrderId, amounts.captured ?? '0', amounts.credited ?? '0'],
    );
  }

  /**
   * Paid orders by the time they were paid (staged, for orders without a paid date), from `since` inclusive, oldest
   * first: what other integrations read (GET /twinxml/v1/orders). `at` is the position to continue from.
   */
  async listPaidSince(tenantId: string, since: Date, limit = 500): Promise<(WebOrderRecord & { at: Date })[]> {
    const r = await this.db.query<Row & { at: Date }>(
      `SELECT ${COLUMNS}, coalesce(paid_at, created_at) AS at FROM web_order
        WHERE tenant_id = $1 AND coalesce(paid_at, created_at) >= $2
        ORDER BY coalesce(paid_at, created_at), shop_order_id LIMIT $3`,
      [tenantId, since, limit],
    );
    return r.rows.map((x) => ({ ...toRecord(x), at: x.at }));
  }

  /** When the order was staged, handed to PCK, acknowledged or failed (for the order's history). */
  async timeline(tenantId: string, shopOrderId: number): Promise<WebOrderTimeline | null> {
    const r = await this.db.query<{
      created_at: Date;
      returned_at: Date | null;
      transferred_at: Date | null;
      failed_at: Date | null;
      paid_at: Date | null;
    }>(
      'SELECT created_at, returned_at, transferred_at, failed_at, paid_at FROM web_order WHERE tenant_id = $1 AND shop_order_id = $2',
      [tenantId, shopOrderId],
    );
    const x = r.rows[0];
    return x
      ? {
          stagedAt: x.created_at,
          paidAt: x.paid_at,
          lastReturnedAt: x.returned_at,
          transferredAt: x.transferred_at,
          failedAt: x.failed_at,
        }
      : null;
  }
}
