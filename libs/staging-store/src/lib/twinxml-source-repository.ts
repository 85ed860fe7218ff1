import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import { DocumentStaging } from './document-staging';
import type { EntityRepository } from './entity-repository';
import { StoreError, StoreErrorCode } from './store.exception';

/** Record kinds a source can own; PCK owns every kind of its tenant that no source owns. */
export const OWNABLE_KINDS = ['category', 'manufacturer', 'product', 'stock', 'image'] as const;
export type OwnableKind = (typeof OWNABLE_KINDS)[number];

/** A system other than PCK feeding one tenant as TwinXML. */
export interface TwinxmlSourceRecord {
  id: string;
  tenantId: string;
  name: string;
  owns: OwnableKind[];
  active: boolean;
  createdAt: Date;
}

/** receiving: being staged; done: answered (a repeat gets the same answer); failed: may be sent again. */
export type TwinxmlDocumentState = 'receiving' | 'done' | 'failed';

export interface TwinxmlDocumentRecord {
  sourceId: string;
  batchId: string;
  state: TwinxmlDocumentState;
  accepted: number;
  refused: number;
  answer: unknown;
  receivedAt: Date;
  finishedAt: Date | null;
}

interface SourceRow {
  id: string;
  tenant_id: string;
  name: string;
  owns: string[] | null;
  active: boolean;
  created_at: Date;
  token_hash: string;
}

interface DocumentRow {
  source_id: string;
  batch_id: string;
  state: TwinxmlDocumentState;
  accepted: number;
  refused: number;
  answer: unknown;
  received_at: Date;
  finished_at: Date | null;
}

const SOURCE_COLUMNS = 'id, tenant_id, name, owns, active, created_at, token_hash';

function toSource(r: SourceRow): TwinxmlSourceRecord {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    name: r.name,
    owns: (r.owns ?? []) as OwnableKind[],
    active: r.active,
    createdAt: r.created_at,
  };
}

function toDocument(r: DocumentRow): TwinxmlDocumentRecord {
  return {
    sourceId: r.source_id,
    batchId: r.batch_id,
    state: r.state,
    accepted: r.accepted,
    refused: r.refused,
    answer: r.answer,
    receivedAt: r.received_at,
    finishedAt: r.finished_at,
  };
}

/** sha256 (hex) of a source token: what is stored and looked up. */
export function hashSourceToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function checkOwns(owns: readonly string[]): OwnableKind[] {
  const unknown = owns.filter((k) => !(OWNABLE_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0)
    throw new StoreError(
      StoreErrorCode.InvalidArgument,
      `Unknown record kind(s) ${unknown.join(', ')}; a source can own ${OWNABLE_KINDS.join(', ')}.`,
    );
  return [...new Set(owns)].sort() as OwnableKind[];
}

/**
 * TwinXML sources (machine tokens, stored as sha256 hashes) and the documents they sent, by BatchId. Two sources of
 * one tenant never own the same kind.
 */
export class TwinxmlSourceRepository {
  constructor(
    private readonly db: Pool,
    private readonly entities: EntityRepository,
  ) {}

  /** Opens the transaction a document is staged in (after `beginDocument`); see DocumentStaging. */
  beginStaging(options?: { idleTimeoutMs?: number }): Promise<DocumentStaging> {
    return DocumentStaging.begin(this.db, this.entities, options);
  }

  /** Creates a source; the token is returned only here (only its hash is stored). */
  async create(input: {
    tenantId: string;
    name: string;
    owns: readonly string[];
  }): Promise<{ source: TwinxmlSourceRecord; token: string }> {
    const owns = checkOwns(input.owns);
    if (!input.name.trim()) throw new StoreError(StoreErrorCode.InvalidArgument, 'A source needs a name.');
    const token = `twx_${randomBytes(32).toString('base64url')}`;
    const client = await this.db.connect();
    try {
      await client.query('BEGIN');
      // One owner per kind: serialise source changes per tenant, then check.
      await client.query('SELECT id FROM tenant WHERE id = $1 FOR UPDATE', [input.tenantId]);
      const taken = await client.query<{ kind: string }>(
        `SELECT DISTINCT unnest(owns) AS kind FROM twinxml_source WHERE tenant_id = $1 AND active AND owns && $2::text[]`,
        [input.tenantId, owns],
      );
      if (taken.rows.length > 0)
        throw new StoreError(
          StoreErrorCode.InvalidArgument,
          `Another source of this tenant already owns ${taken.rows
            .map((r) => r.kind)
            .filter((k) => owns.includes(k as OwnableKind))
            .join(', ')}.`,
        );
      const r = await client.query<SourceRow>(
        `INSERT INTO twinxml_source (id, tenant_id, name, token_hash, owns) VALUES (gen_random_uuid(), $1, $2, $3, $4::text[])
         RETURNING ${SOURCE_COLUMNS}`,
        [input.tenantId, input.name.trim(), hashSourceToken(token), owns],
      );
      await client.query('COMMIT');
      return { source: toSource(r.rows[0]), token };
    } catch (error) {
      await client.query('ROLLBACK');
      const code = (error as { code?: string }).code;
      if (code === '23505')
        throw new StoreError(StoreErrorCode.InvalidArgument, 'This tenant already has a source of that name.', {
          cause: error,
        });
      if (code === '23503') throw new StoreError(StoreErrorCode.TenantNotFound, undefined, { cause: error });
      throw error;
    } finally {
      client.release();
    }
  }

  /** The active source of an active tenant holding this token, or null. */
  async authenticate(token: string): Promise<TwinxmlSourceRecord | null> {
    if (!token) return null;
    const hashed = hashSourceToken(token);
    const r = await this.db.query<SourceRow>(
      `SELECT ${SOURCE_COLUMNS.split(', ')
        .map((c) => `s.${c}`)
        .join(', ')} FROM twinxml_source s JOIN tenant t ON t.id = s.tenant_id
        WHERE s.token_hash = $1 AND s.active AND t.active`,
      [hashed],
    );
    const row = r.rows[0];
    // The index finds the row by hash; the final comparison is constant-time all the same.
    if (!row || !timingSafeEqual(Buffer.from(row.token_hash, 'hex'), Buffer.from(hashed, 'hex'))) return null;
    return toSource(row);
  }

  async list(tenantId: string): Promise<TwinxmlSourceRecord[]> {
    const r = await this.db.query<SourceRow>(
      `SELECT ${SOURCE_COLUMNS} FROM twinxml_source WHERE tenant_id = $1 ORDER BY name`,
      [tenantId],
    );
    return r.rows.map(toSource);
  }

  /** Switches a source off (its token stops working, PCK owns its kinds again) or on. */
  async setActive(sourceId: string, active: boolean): Promise<boolean> {
    const r = await this.db.query('UPDATE twinxml_source SET active = $2 WHERE id = $1', [sourceId, active]);
    return (r.rowCount ?? 0) > 0;
  }

  /** The kinds owned by the tenant's active sources: PCK's calls are not staged for these. */
  async ownedKinds(tenantId: string): Promise<Set<OwnableKind>> {
    const r = await this.db.query<{ kind: OwnableKind }>(
      'SELECT DISTINCT unnest(owns) AS kind FROM twinxml_source WHERE tenant_id = $1 AND active',
      [tenantId],
    );
    return new Set(r.rows.map((x) => x.kind));
  }

  /**
   * Starts receiving a document. `begun` is false when this BatchId was answered already (`existing.state` done:
   * replay its answer) or is being received right now; a failed one, or one left receiving for longer than
   * `staleMs` (its receiver died), is taken over.
   */
  async beginDocument(
    sourceId: string,
    batchId: string,
    staleMs = 10 * 60_000,
  ): Promise<{ begun: true } | { begun: false; existing: TwinxmlDocumentRecord }> {
    const r = await this.db.query(
      `INSERT INTO twinxml_document (source_id, batch_id) VALUES ($1, $2)
       ON CONFLICT (source_id, batch_id) DO UPDATE SET state = 'receiving', received_at = now(), finished_at = NULL, answer = NULL, accepted = 0, refused = 0
        WHERE twinxml_document.state = 'failed'
           OR (twinxml_document.state = 'receiving' AND twinxml_document.received_at < now() - make_interval(secs => $3::float8 / 1000))
       RETURNING batch_id`,
      [sourceId, batchId, staleMs],
    );
    if ((r.rowCount ?? 0) > 0) return { begun: true };
    const existing = await this.getDocument(sourceId, batchId);
    if (!existing) return this.beginDocument(sourceId, batchId, staleMs);
    return { begun: false, existing };
  }

  /** Records a document's answer outside a staging transaction (a failed document may be resent). */
  async finishDocument(
    sourceId: string,
    batchId: string,
    result: { state: 'done' | 'failed'; accepted: number; refused: number; answer: unknown },
  ): Promise<void> {
    await this.db.query(
      `UPDATE twinxml_document SET state = $3, accepted = $4, refused = $5, answer = $6::jsonb, finished_at = now()
        WHERE source_id = $1 AND batch_id = $2`,
      [sourceId, batchId, result.state, result.accepted, result.refused, JSON.stringify(result.answer ?? null)],
    );
  }

  async getDocument(sourceId: string, batchId: string): Promise<TwinxmlDocumentRecord | null> {
    const r = await this.db.query<DocumentRow>(
      'SELECT * FROM twinxml_document WHERE source_id = $1 AND batch_id = $2',
      [sourceId, batchId],
    );
    return r.rows[0] ? toDocument(r.rows[0]) : null;
  }

  /** A source's latest documents, newest first (for the operator). */
  async listDocuments(sourceId: string, limit = 50): Promise<TwinxmlDocumentRecord[]> {
    const r = await this.db.query<DocumentRow>(
      'SELECT * FROM twinxml_document WHERE source_id = $1 ORDER BY received_at DESC LIMIT $2',
      [sourceId, limit],
    );
    return r.rows.map(toDocument);
  }
}
