import type { Pool } from 'pg';

export type ReconciliationJobState = 'queued' | 'running' | 'done' | 'failed';
export type ReconciliationTrigger = 'manual' | 'nightly';

export interface ReconciliationJobRecord {
  id: string;
  tenantId: string;
  trigger: ReconciliationTrigger;
  repair: boolean;
  state: ReconciliationJobState;
  progress: { done: number; total: number };
  result: unknown;
  error: string | null;
  requestedBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

interface Row {
  id: string;
  tenant_id: string;
  trigger: ReconciliationTrigger;
  repair: boolean;
  state: ReconciliationJobState;
  progress_done: number;
  progress_total: number;
  result: unknown;
  error: string | null;
  requested_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const COLUMNS =
  'id, tenant_id, trigger, repair, state, progress_done, progress_total, result, error, requested_by, created_at, started_at, finished_at';
const toRecord = (x: Row): ReconciliationJobRecord => ({
  id: x.id,
  tenantId: x.tenant_id,
  trigger: x.trigger,
  repair: x.repair,
  state: x.state,
  progress: { done: x.progress_done, total: x.progress_total },
  result: x.result,
  error: x.error,
  requestedBy: x.requested_by,
  createdAt: x.created_at,
  startedAt: x.started_at,
  finishedAt: x.finished_at,
});

/** Reconciliation runs (on demand or nightly) with progress and their stored report. */
export class ReconciliationJobRepository {
  constructor(private readonly db: Pool) {}

  async create(
    tenantId: string,
    input: { trigger: ReconciliationTrigger; repair: boolean; requestedBy?: string | null },
  ): Promise<ReconciliationJobRecord> {
    const r = await this.db.query<Row>(
      `INSERT INTO reconciliation_job (id, tenant_id, trigger, repair, requested_by) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [tenantId, input.trigger, input.repair, input.requestedBy ?? null],
    );
    return toRecord(r.rows[0]);
  }

  async start(id: string): Promise<void> {
    await this.db.query(`UPDATE reconciliation_job SET state = 'running', started_at = now() WHERE id = $1`, [id]);
  }

  async progress(id: string, done: number, total: number): Promise<void> {
    await this.db.query('UPDATE reconciliation_job SET progress_done = $2, progress_total = $3 WHERE id = $1', [
      id,
      done,
      total,
    ]);
  }

  async finish(id: string, result: unknown): Promise<void> {
    await this.db.query(
      `UPDATE reconciliation_job SET state = 'done', result = $2, progress_done = greatest(progress_total, 1), progress_total = greatest(progress_total, 1), finished_at = now() WHERE id = $1`,
      [id, JSON.stringify(result)],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE reconciliation_job SET state = 'failed', error = $2, finished_at = now() WHERE id = $1`,
      [id, error.slice(0, 2000)],
    );
  }

  /** A finished run recorded in one step (the scheduler's nightly reconciliation). */
  async record(
    tenantId: string,
    input: { trigger: ReconciliationTrigger; repair: boolean; result: unknown; error?: string | null; startedAt: Date },
  ): Promise<ReconciliationJobRecord> {
    const r = await this.db.query<Row>(
      `INSERT INTO reconciliation_job (id, tenant_id, trigger, repair, state, progress_done, progress_total, result, error, started_at, finished_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 1, 1, $5, $6, $7, now()) RETURNING ${COLUMNS}`,
      [
        tenantId,
        input.trigger,
        input.repair,
        input.error ? 'failed' : 'done',
        input.result === undefined ? null : JSON.stringify(input.result),
        input.error ?? null,
        input.startedAt,
      ],
    );
    return toRecord(r.rows[0]);
  }

  async get(tenantId: string, id: string): Promise<ReconciliationJobRecord | null> {
    const r = await this.db.query<Row>(`SELECT ${COLUMNS} FROM reconciliation_job WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
    ]);
    return r.rows[0] ? toRecord(r.rows[0]) : null;
  }

  /** Newest first; `trigger` narrows to manual or nightly runs. */
  async list(
    tenantId: string,
    filter: { trigger?: ReconciliationTrigger; limit?: number } = {},
  ): Promise<ReconciliationJobRecord[]> {
    const r = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM reconciliation_job WHERE tenant_id = $1 AND ($2::text IS NULL OR trigger = $2) ORDER BY created_at DESC LIMIT $3`,
      [tenantId, filter.trigger ?? null, filter.limit ?? 20],
    );
    return r.rows.map(toRecord);
  }

  /** Jobs left queued or running by a process that stopped: marked failed so nobody waits for them. */
  async failStale(olderThan: Date): Promise<number> {
    const r = await this.db.query(
      `UPDATE reconciliation_job SET state = 'failed', error = 'the process running it stopped', finished_at = now()
        WHERE state IN ('queued', 'running') AND created_at < $1`,
      [olderThan],
    );
    return r.rowCount ?? 0;
  }
}
