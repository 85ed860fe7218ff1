import type { Pool } from 'pg';

/** Named positions per tenant, e.g. the order poll's last-seen paid time. */
export class CursorRepository {
  constructor(private readonly db: Pool) {}

  async get(tenantId: string, name: string): Promise<string | null> {
    const r = await this.db.query<{ value: string }>('SELECT value FROM cursor WHERE tenant_id = $1 AND name = $2', [
      tenantId,
      name,
    ]);
    return r.rows[0]?.value ?? null;
  }

  async set(tenantId: string, name: string, value: string): Promise<void> {
    await this.db.query(
      `INSERT INTO cursor (tenant_id, name, value) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, name) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [tenantId, name, value],
    );
  }
}
