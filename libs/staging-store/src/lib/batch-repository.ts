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

/** How an entity failed in stored batches (see BatchRepository.failures; keyed by `kind\u0000key`). */
export interface EntityFailure {
  humanMessage: string | null;
  message: string | null;
  firstFailedAt: Date;
  lastFailedAt: Date;
  failures: number;
}

export interface BatchSummaryRecord extends Omit<BatchRecord, 'document'> {
  receipts: { ok: number; failed: number; skipped: number };
}

/** A `batch` row as the queries select it. */
interface BatchRow {
  id: string;
  tenant_id: string;
  sequence: bigint;
  record_count: number;
  status: string;
  worker: string | null;
  created_at: Date;
  finished_at: Date | null;
}

function batchOf(x: BatchRow): Omit<BatchRecord, 'document'> {
  return {
    id: x.id,
    tenantId: x.tenant_id,
    sequence: x.sequence,
    recordCount: x.record_count,
    status: x.status,
    worker: x.worker,
    createdAt: x.created_at,
    finishedAt: x.finished_at,
  };
}

/** Stored TwinXML batches and their per-record receipts (audit and replay). */
export class BatchRepository {
  constructor(private readonly db: Pool) {}

  async create(
    tenantId: string,
    input: { document: string; recordCount: number; worker?: string },
  ): Promise<{ id: string; sequence: bigint }> {
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
    return x ? { ...batchOf(x), document: x.document } : null;
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
    return r.rows.map(batchOf);
  }

  /**
   * A page of a tenant's batches, newest first, with receipt counts per status; `beforeSequence` pages back.
   */
  async page(
    tenantId: string,
    options: { limit?: number; beforeSequence?: bigint } = {},
  ): Promise<BatchSummaryRecord[]> {
    const r = await this.db.query(
      `SELECT b.id, b.tenant_id, b.sequence, b.record_count, b.status, b.worker, b.created_at, b.finished_at,
              count(x.*) FILTER (WHERE x.status = 'ok') AS ok,
              count(x.*) FILTER (WHERE x.status = 'failed') AS failed,
              count(x.*) FILTER (WHERE x.status = 'skipped') AS skipped
         FROM batch b LEFT JOIN batch_receipt x ON x.batch_id = b.id
        WHERE b.tenant_id = $1 AND ($2::int8 IS NULL OR b.sequence < $2)
        GROUP BY b.id ORDER BY b.sequence DESC LIMIT $3`,
      [tenantId, options.beforeSequence?.toString() ?? null, options.limit ?? 50],
    );
    return r.rows.map((x) => ({
      ...batchOf(x),
      receipts: { ok: Number(x.ok), failed: Number(x.failed), skipped: Number(x.skipped) },
    }));
  }

  /**
   * The latest failure of each of these entities in the tenant's stored batches: the Norwegian message the
   * applier gave, and when it first and last failed there.
   */
  async failures(
    tenantId: string,
    entities: readonly { kind: string; key: string }[],
  ): Promise<Map<string, EntityFailure>> {
    const out = new Map<string, EntityFailure>();
    if (entities.length === 0) return out;
    const r = await this.db.query<{
      kind: string;
      key: string;
      human: string | null;
      message: string | null;
      first: Date;
      last: Date;
      failures: string;
    }>(
      `SELECT x.kind, x.key,
              (array_agg(x.human_message ORDER BY b.sequence DESC))[1] AS human,
              (array_agg(x.message ORDER BY b.sequence DESC))[1] AS message,
              min(b.created_at) AS first, max(b.created_at) AS last, count(*) AS failures
         FROM batch b JOIN batch_receipt x ON x.batch_id = b.id
        WHERE b.tenant_id = $1 AND x.status = 'failed'
          AND (x.kind, x.key) IN (SELECT * FROM unnest($2::text[], $3::text[]))
        GROUP BY x.kind, x.key`,
      [tenantId, entities.map((e) => e.kind), entities.map((e) => e.key)],
    );
    for (const x of r.rows) {
      out.set(`${x.kind}\u0000${x.key}`, {
        humanMessage: x.human,
        message: x.message,
        firstFailedAt: x.first,
        lastFailedAt: x.last,
        failures: Number(x.failures),
      });
    }
    return out;
  }

  /** Records applied (receipt ok) in the tenant's batches finished since `since`: the drain rate. */
  async appliedSince(tenantId: string, since: Date): Promise<number> {
    const r = await this.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM batch b JOIN batch_receipt x ON x.batch_id = b.id
        WHERE b.tenant_id = $1 AND b.created_at >= $2 AND b.finished_at >= $2 AND x.status = 'ok'`,
      [tenantId, since],
    );
    return Number(r.rows[0].n);
  }

  /** Deletes finished batches older than `before` (receipts cascade); returns how many. */
  async prune(before: Date): Promise<number> {
    const r = await this.db.query(`DELETE FROM batch WHERE finished_at IS NOT NULL AND finished_at < $1`, [before]);
    return r.rowCount ?? 0;
  }
}
