import type { Pool } from 'pg';
import { StoreError, StoreErrorCode } from './store.exception';

export type DeliveryState = 'pending' | 'done' | 'failed';

export interface DeliveryRecord {
  ref: string;
  shopOrderId: number;
  state: DeliveryState;
  request: unknown;
  response: unknown;
  shipmentId: number | null;
  amount: string | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  ref: string;
  shop_order_id: number;
  state: DeliveryState;
  request: unknown;
  response: unknown;
  shipment_id: number | null;
  amount: string | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'ref, shop_order_id, state, request, response, shipment_id, amount, last_error, created_at, updated_at';
/** How often a waiting call asks for a lock another call holds. */
const LOCK_POLL_MS = 100;

const toRecord = (x: Row): DeliveryRecord => ({
  ref: x.ref,
  shopOrderId: x.shop_order_id,
  state: x.state,
  request: x.request,
  response: x.response,
  shipmentId: x.shipment_id,
  amount: x.amount,
  lastError: x.last_error,
  createdAt: x.created_at,
  updatedAt: x.updated_at,
});

/**
 * Deliveries and credits, idempotent by PCK's reference (`delivery:<sendId>`): a repeat of a
 * finished one replays the stored answer instead of capturing again.
 */
export class DeliveryRepository {
  constructor(private readonly db: Pool) {}

  /** Records the start of a delivery; returns the existing record when the ref is known. */
  async begin(
    tenantId: string,
    ref: string,
    shopOrderId: number,
    request: unknown,
  ): Promise<{ created: boolean; delivery: DeliveryRecord }> {
    const inserted = await this.db.query<Row>(
      `INSERT INTO delivery (tenant_id, ref, shop_order_id, request) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, ref) DO NOTHING
       RETURNING ${COLUMNS}`,
      [tenantId, ref, shopOrderId, JSON.stringify(request)],
    );
    if (inserted.rows[0]) return { created: true, delivery: toRecord(inserted.rows[0]) };
    const existing = await this.get(tenantId, ref);
    if (!existing) throw new Error(`delivery ${ref} vanished while starting`);
    return { created: false, delivery: existing };
  }

  /** Progress that must survive a crash between shop calls (e.g. the shipment id once created). */
  async progress(
    tenantId: string,
    ref: string,
    update: { shipmentId?: number; lastError?: string | null; state?: DeliveryState },
  ): Promise<void> {
    await this.db.query(
      `UPDATE delivery SET shipment_id = coalesce($3, shipment_id), last_error = $4, state = coalesce($5, state), updated_at = now()
        WHERE tenant_id = $1 AND ref = $2`,
      [tenantId, ref, update.shipmentId ?? null, update.lastError ?? null, update.state ?? null],
    );
  }

  async finish(tenantId: string, ref: string, response: unknown, amount: string): Promise<void> {
    await this.db.query(
      `UPDATE delivery SET state = 'done', response = $3, amount = $4::numeric, last_error = NULL, updated_at = now()
        WHERE tenant_id = $1 AND ref = $2`,
      [tenantId, ref, JSON.stringify(response), amount],
    );
  }

  /**
   * Runs `work` as the only holder of `lockName` (a delivery's or credit's ref) across every gateway process: a
   * PostgreSQL advisory lock held on a connection of its own for as long as `work` runs. PCK repeats a delivery
   * after its 45 s deadline while the first call may still be shipping; the repeat waits here and then finds the
   * first one's outcome instead of shipping again. A process that dies loses its connection and so its lock.
   * Throws StoreError(Busy) when the lock is not free within `waitMs`.
   */
  async exclusive<T>(tenantId: string, lockName: string, waitMs: number, work: () => Promise<T>): Promise<T> {
    const client = await this.db.connect();
    const key = `${tenantId}|${lockName}`;
    let locked = false;
    try {
      const until = Date.now() + waitMs;
      for (;;) {
        const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [
          key,
        ]);
        if (r.rows[0]?.ok) break;
        if (Date.now() >= until) throw new StoreError(StoreErrorCode.Busy, lockName);
        await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      }
      locked = true;
      return await work();
    } finally {
      let broken: Error | undefined;
      if (locked) {
        try {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
        } catch (error) {
          broken = error as Error;
        }
      }
      // A connection whose unlock failed may still hold the lock: destroy it rather than pool it.
      client.release(broken);
    }
  }

  async get(tenantId: string, ref: string): Promise<DeliveryRecord | null> {
    const r = await this.db.query<Row>(`SELECT ${COLUMNS} FROM delivery WHERE tenant_id = $1 AND ref = $2`, [
      tenantId,
      ref,
    ]);
    return r.rows[0] ? toRecord(r.rows[0]) : null;
  }

  async listForOrder(tenantId: string, shopOrderId: number): Promise<DeliveryRecord[]> {
    const r = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM delivery WHERE tenant_id = $1 AND shop_order_id = $2 ORDER BY created_at, ref`,
      [tenantId, shopOrderId],
    );
    return r.rows.map(toRecord);
  }

  /** A tenant's deliveries and credits in a state (e.g. failed ones for the operator), newest first. */
  async list(
    tenantId: string,
    state?: DeliveryState,
    limit = 100,
  ): Promise<(DeliveryRecord & { createdAt: Date; updatedAt: Date })[]> {
    const r = await this.db.query<Row & { created_at: Date; updated_at: Date }>(
      `SELECT ref, shop_order_id, state, request, response, shipment_id, amount, last_error, created_at, updated_at FROM delivery
        WHERE tenant_id = $1 AND ($2::text IS NULL OR state = $2) ORDER BY updated_at DESC LIMIT $3`,
      [tenantId, state ?? null, limit],
    );
    return r.rows.map((x) => ({ ...toRecord(x), createdAt: x.created_at, updatedAt: x.updated_at }));
  }

  /** Which deliveries and credits of an order are done (for the order's history). */
  async timeline(
    tenantId: string,
    shopOrderId: number,
  ): Promise<
    {
      ref: string;
      state: DeliveryState;
      amount: string | null;
      lastError: string | null;
      createdAt: Date;
      updatedAt: Date;
    }[]
  > {
    const r = await this.db.query<{
      ref: string;
      state: DeliveryState;
      amount: string | null;
      last_error: string | null;
      created_at: Date;
      updated_at: Date;
    }>(
      'SELECT ref, state, amount, last_error, created_at, updated_at FROM delivery WHERE tenant_id = $1 AND shop_order_id = $2 ORDER BY created_at',
      [tenantId, shopOrderId],
    );
    return r.rows.map((x) => ({
      ref: x.ref,
      state: x.state,
      amount: x.amount,
      lastError: x.last_error,
      createdAt: x.created_at,
      updatedAt: x.updated_at,
    }));
  }
}
