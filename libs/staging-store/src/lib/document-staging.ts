import type { Pool, PoolClient } from 'pg';
import type { EntityChange, EntityRepository, StagedEntity } from './entity-repository';

/**
 * Stages one TwinXML document in ONE transaction: chunks are staged as they are decoded (memory stays bounded), and
 * the document's answer is recorded in the same commit, so a document is staged whole or not at all.
 */
export class DocumentStaging {
  private done = false;

  private constructor(
    private readonly client: PoolClient,
    private readonly entities: EntityRepository,
  ) {}

  static async begin(
    pool: Pool,
    entities: EntityRepository,
    options: { idleTimeoutMs?: number } = {},
  ): Promise<DocumentStaging> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // A sender that stalls mid-document must not hold its rows locked for ever.
      await client.query(`SELECT set_config('idle_in_transaction_session_timeout', $1, true)`, [
        String(options.idleTimeoutMs ?? 60_000),
      ]);
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    return new DocumentStaging(client, entities);
  }

  /** Stages a chunk (no entity twice in one chunk). */
  stage(tenantId: string, changes: readonly EntityChange[]): Promise<StagedEntity[]> {
    return this.entities.stage(tenantId, changes, this.client);
  }

  /** Records the document's answer and commits everything staged. */
  async commit(
    sourceId: string,
    batchId: string,
    result: { accepted: number; refused: number; answer: unknown },
  ): Promise<void> {
    try {
      await this.client.query(
        `UPDATE twinxml_document SET state = 'done', accepted = $3, refused = $4, answer = $5::jsonb, finished_at = now()
          WHERE source_id = $1 AND batch_id = $2`,
        [sourceId, batchId, result.accepted, result.refused, JSON.stringify(result.answer ?? null)],
      );
      await this.client.query('COMMIT');
      this.finish();
    } catch (error) {
      this.finish(error as Error);
      throw error;
    }
  }

  /** Drops everything staged (idempotent). */
  async rollback(): Promise<void> {
    if (this.done) return;
    try {
      await this.client.query('ROLLBACK');
      this.finish();
    } catch (error) {
      this.finish(error as Error);
    }
  }

  private finish(error?: Error): void {
    if (this.done) return;
    this.done = true;
    // A connection that failed mid-transaction is discarded, not returned to the pool.
    this.client.release(error);
  }
}
