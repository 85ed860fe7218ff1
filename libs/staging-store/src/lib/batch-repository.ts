import type { Pool } from 'pg';

export interface ReceiptRecord {
  kind: string;
  key: string;
  version: bigint;
  /** ok | failed | skipped */
  status: string;
  message?: string | null;
  humanMessage?: string | null;
  shopId?: number | null;
}

export interface BatchRecord {
  id: string;
  tenantId: string;
  sequence: bigint;
  document: string;
  recordCount: number;
  status: string;
  worker: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** Stored TwinXML batches and their per-record receipts (audit and replay). */
export class BatchRepository {
  constructor(private readonly db: Pool) {}

  async create(tenantId: string, input: { document: string; recordCount: number; worker?: string }): Promise<{ id: string; sequence: bigint }> {
    const r = await this.db.query<{ id: string; sequence: bigint }>(
      `INSERT INTO batch (id, tenant_id, document, record_count, worker) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id, sequence`,
      [tenantId, input.document, input.recordCount, input.worker ?? null],
    );
    return r.rows[0];
  }

  async finish(batchId: string, status: string, receipts: readonly ReceiptRecord[]): Promise<void> {
    const client = await this.db.connect();
    try {
      await client.query('BEGIN');
      if (receipts.length > 0) {
        await client.query(
          `INSERT INTO batch_receipt (batch_id, kind, key, version, status, message, human_message, shop_id)
           SELECT $1::uuid, * FROM unnest($2::text[], $3::text[], $4::int8[], $5::text[], $6::text[], $7::text[], $8::int[])
           ON CONFLICT (batch_id, kind, key) DO UPDATE SET status = EXCLUDED.status, message = EXCLUDED.message,
             human_message = EXCLUDED.human_message, shop_id = EXCLUDED.shop_id, version = EXCLUDED.version`,
          [
            batchId,
            receipts.map((x) => x.kind),
            receipts.map((x) => x.key),
            receipts.map((x) => x.version.toString()),
            receipts.map((x) => x.status),
            receipts.map((x) => x.message ?? null),
            receipts.map((x) => x.humanMessage ?? null),
            receipts.map((x) => x.shopId ?? null),
          ],
        );
      }
      await client.query('UPDATE batch SET status = $2, finished_at = now() WHERE id = $1', [batchId, status]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async get(batchId: string): Promise<BatchRecord | null> {
    const r = await this.db.query(
      'SELECT id, tenant_id, sequence, document, record_count, status, worker, created_at, finished_at FROM batch WHERE id = $1',
      [batchId],
    );
    const x = r.rows[0];
    return x
      ? {
          id: x.id,
          tenantId: x.tenant_id,
          sequence: x.sequence,
          document: x.document,
          recordCount: x.record_count,
          status: x.status,
          worker: x.worker,
          createdAt: x.created_at,
          finishedAt: x.finished_at,
        }
      : null;
  }

  async receipts(batchId: string): Promise<ReceiptRecord[]> {
    const r = await this.db.query(
      'SELECT kind, key, version, status, message, human_message, shop_id FROM batch_receipt WHERE batch_id = $1 ORDER BY kind, key',
      [batchId],
    );
    return r.rows.map((x) => ({
      kind: x.kind,
      key: x.key,
      version: x.version,
      status: x.status,
      message: x.message,
      humanMessage: x.human_message,
      shopId: x.shop_id,
    }));
  }

  async list(tenantId: string, limit = 50): Promise<Omit<BatchRecord, 'document'>[]> {
    const r = await this.db.query(
      `SELECT id, tenant_id, sequence, record_count, status, worker, created_at, finished_at
         FROM batch WHERE tenant_id = $1 ORDER BY sequence DESC LIMIT $2`,
      [tenantId, limit],
    );
    return r.rows.map((x) => ({
      id: x.id,
      tenantId: x.tenant_id,
      sequence: x.sequence,
      recordCount: x.record_count,
      status: x.status,
      worker: x.worker,
      createdAt: x.created_at,
      finishedAt: x.finished_at,
    }));
  }

  /** Deletes finished batches older than `before` (receipts cascade); returns how many. */
  async prune(before: Date): Promise<number> {
    const r = await this.db.query(`DELETE FROM batch WHERE finished_at IS NOT NULL AND finished_at < $1`, [before]);
    return r.rowCount ?? 0;
  }
}
