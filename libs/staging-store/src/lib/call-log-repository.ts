import type { Pool } from 'pg';

export interface CallLogEntry {
  tenantId?: string | null;
  operation: string;
  result: number;
  durationMs: number;
  entityKey?: string | null;
  /** A short message; never payload bytes or secrets. */
  message?: string | null;
}

export interface CallLogRecord {
  id: string;
  at: Date;
  operation: string;
  result: number;
  durationMs: number;
  entityKey: string | null;
  message: string | null;
}

/** Append-only log of PCK calls, pruned by retention. */
export class CallLogRepository {
  constructor(private readonly db: Pool) {}

  async append(entry: CallLogEntry): Promise<void> {
    await this.db.query(
      'INSERT INTO call_log (tenant_id, operation, result, duration_ms, entity_key, message) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        entry.tenantId ?? null,
        entry.operation,
        entry.result,
        Math.round(entry.durationMs),
        entry.entityKey ?? null,
        entry.message?.slice(0, 1000) ?? null,
      ],
    );
  }

  /** Appends several entries in one statement (the gateway buffers its call log off the request path). */
  async appendMany(entries: readonly CallLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.query(
      `INSERT INTO call_log (tenant_id, operation, result, duration_ms, entity_key, message)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[])`,
      [
        entries.map((e) => e.tenantId ?? null),
        entries.map((e) => e.operation),
        entries.map((e) => e.result),
        entries.map((e) => Math.round(e.durationMs)),
        entries.map((e) => e.entityKey ?? null),
        entries.map((e) => e.message?.slice(0, 1000) ?? null),
      ],
    );
  }

  async recent(tenantId: string | null, limit = 100) {
    const r = await this.db.query(
      'SELECT id, tenant_id, at, operation, result, duration_ms, entity_key, message FROM call_log WHERE ($1::uuid IS NULL OR tenant_id = $1) ORDER BY id DESC LIMIT $2',
      [tenantId, limit],
    );
    return r.rows;
  }

  /** A tenant's calls, newest first (operation, result, latency; never payloads); `beforeId` pages back. */
  async page(
    tenantId: string,
    options: { limit?: number; beforeId?: string; operation?: string } = {},
  ): Promise<CallLogRecord[]> {
    const r = await this.db.query<{
      id: string;
      at: Date;
      operation: string;
      result: number;
      duration_ms: number;
      entity_key: string | null;
      message: string | null;
    }>(
      `SELECT id::text, at, operation, result, duration_ms, entity_key, message FROM call_log
        WHERE tenant_id = $1 AND ($2::int8 IS NULL OR id < $2) AND ($3::text IS NULL OR operation = $3)
        ORDER BY id DESC LIMIT $4`,
      [tenantId, options.beforeId ?? null, options.operation ?? null, options.limit ?? 100],
    );
    return r.rows.map((x) => ({
      id: x.id,
      at: x.at,
      operation: x.operation,
      result: x.result,
      durationMs: x.duration_ms,
      entityKey: x.entity_key,
      message: x.message,
    }));
  }

  /** Deletes entries older than `before`; returns how many. */
  async prune(before: Date): Promise<number> {
    const r = await this.db.query('DELETE FROM call_log WHERE at < $1', [before]);
    return r.rowCount ?? 0;
  }
}
