import type { Pool } from 'pg';

export interface AuditEntry {
  /** `integrator` (ADMIN_TOKEN) or `operator:<token id>`. */
  actor: string;
  /** e.g. `tenant.create`, `problems.requeue`. */
  action: string;
  tenantId?: string | null;
  /** What was acted on: an entity key, a batch id, a token id… */
  target?: string | null;
  /** What changed; never secrets (callers pass names of changed fields, not password values). */
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'details'>> {
  id: string;
  at: Date;
  details: Record<string, unknown>;
}

/** Who changed what, when, through the admin API. Kept when a tenant is deleted (no foreign key). */
export class AuditLogRepository {
  constructor(private readonly db: Pool) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db.query(
      'INSERT INTO audit_log (actor, action, tenant_id, target, details) VALUES ($1, $2, $3, $4, $5)',
      [entry.actor, entry.action, entry.tenantId ?? null, entry.target ?? null, JSON.stringify(entry.details ?? {})],
    );
  }

  /** Newest first; `tenantId` undefined = every tenant (and entries without one); `beforeId` pages back. */
  async list(filter: { tenantId?: string; limit?: number; beforeId?: string } = {}): Promise<AuditRecord[]> {
    const r = await this.db.query<{
      id: string;
      at: Date;
      actor: string;
      action: string;
      tenant_id: string | null;
      target: string | null;
      details: Record<string, unknown>;
    }>(
      `SELECT id::text, at, actor, action, tenant_id, target, details FROM audit_log
        WHERE ($1::uuid IS NULL OR tenant_id = $1) AND ($2::int8 IS NULL OR id < $2)
        ORDER BY id DESC LIMIT $3`,
      [filter.tenantId ?? null, filter.beforeId ?? null, filter.limit ?? 100],
    );
    return r.rows.map((x) => ({
      id: x.id,
      at: x.at,
      actor: x.actor,
      action: x.action,
      tenantId: x.tenant_id,
      target: x.target,
      details: x.details,
    }));
  }
}
