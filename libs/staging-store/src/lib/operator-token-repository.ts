import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';

/** A per-tenant admin API token, as listed (the token itself is never stored, only its sha256). */
export interface OperatorTokenRecord {
  id: string;
  tenantId: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface Row {
  id: string;
  tenant_id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, tenant_id, name, created_at, last_used_at, revoked_at';
const toRecord = (x: Row): OperatorTokenRecord => ({
  id: x.id,
  tenantId: x.tenant_id,
  name: x.name,
  createdAt: x.created_at,
  lastUsedAt: x.last_used_at,
  revokedAt: x.revoked_at,
});

/** Tokens carry a prefix so a leaked one is recognisable (secret scanners, logs). */
export const OPERATOR_TOKEN_PREFIX = 'pcknop_op_';

export const hashOperatorToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Operator tokens: a shop owner's access to the admin API for one tenant. The token is 32 random bytes, shown
 * once at creation; only its sha256 is kept, so a lookup by hash is the whole check (no secret is compared).
 */
export class OperatorTokenRepository {
  constructor(private readonly db: Pool) {}

  async create(tenantId: string, name: string): Promise<{ token: string; record: OperatorTokenRecord }> {
    const token = OPERATOR_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const r = await this.db.query<Row>(
      `INSERT INTO operator_token (id, tenant_id, name, token_hash) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING ${COLUMNS}`,
      [tenantId, name, hashOperatorToken(token)],
    );
    return { token, record: toRecord(r.rows[0]) };
  }

  async list(tenantId: string): Promise<OperatorTokenRecord[]> {
    const r = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM operator_token WHERE tenant_id = $1 ORDER BY created_at`,
      [tenantId],
    );
    return r.rows.map(toRecord);
  }

  /** Revokes a token of the tenant; false when there is no such (unrevoked) token. */
  async revoke(tenantId: string, id: string): Promise<boolean> {
    const r = await this.db.query(
      `UPDATE operator_token SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL`,
      [tenantId, id],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /** The live token with this value, or null; notes its use (at most once a minute, to keep polling cheap). */
  async authenticate(token: string): Promise<OperatorTokenRecord | null> {
    const r = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM operator_token WHERE token_hash = $1 AND revoked_at IS NULL`,
      [hashOperatorToken(token)],
    );
    const row = r.rows[0];
    if (!row) return null;
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
      await this.db.query('UPDATE operator_token SET last_used_at = now() WHERE id = $1', [row.id]);
    }
    return toRecord(row);
  }
}
