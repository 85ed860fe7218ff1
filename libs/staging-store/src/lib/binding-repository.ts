import type { Pool } from 'pg';

export interface BindingRecord {
  kind: string;
  pckKey: string;
  shopId: number;
  sku: string | null;
  extra: Record<string, unknown>;
}

/** A `binding` row as the reads select it (`BINDING_COLUMNS`). */
interface BindingRow {
  kind: string;
  pck_key: string;
  shop_id: number;
  sku: string | null;
  extra: Record<string, unknown>;
}

const BINDING_COLUMNS = 'kind, pck_key, shop_id, sku, extra';

function toRecord(x: BindingRow): BindingRecord {
  return { kind: x.kind, pckKey: x.pck_key, shopId: x.shop_id, sku: x.sku, extra: x.extra };
}

/** PCK key ↔ shop id. The applier reads the binding first, so a resend never creates a duplicate. */
export class BindingRepository {
  constructor(private readonly db: Pool) {}

  async get(tenantId: string, kind: string, pckKeys: readonly string[]): Promise<Map<string, BindingRecord>> {
    if (pckKeys.length === 0) return new Map();
    const r = await this.db.query<BindingRow>(
      `SELECT ${BINDING_COLUMNS} FROM binding WHERE tenant_id = $1 AND kind = $2 AND pck_key = ANY($3)`,
      [tenantId, kind, pckKeys],
    );
    return new Map(r.rows.map((x) => [x.pck_key, toRecord(x)]));
  }

  async save(tenantId: string, bindings: readonly BindingRecord[]): Promise<void> {
    if (bindings.length === 0) return;
    await this.db.query(
      `INSERT INTO binding (tenant_id, kind, pck_key, shop_id, sku, extra)
       SELECT $1::uuid, * FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::jsonb[])
       ON CONFLICT (tenant_id, kind, pck_key) DO UPDATE
         SET shop_id = EXCLUDED.shop_id, sku = EXCLUDED.sku, extra = EXCLUDED.extra, updated_at = now()`,
      [
        tenantId,
        bindings.map((b) => b.kind),
        bindings.map((b) => b.pckKey),
        bindings.map((b) => b.shopId),
        bindings.map((b) => b.sku),
        bindings.map((b) => JSON.stringify(b.extra ?? {})),
      ],
    );
  }

  /** Which of these shop ids are already bound to some PCK key of this kind (a shop row one source entity owns). */
  async boundShopIds(tenantId: string, kind: string, shopIds: readonly number[]): Promise<Set<number>> {
    if (shopIds.length === 0) return new Set();
    const r = await this.db.query<{ shop_id: number }>(
      'SELECT DISTINCT shop_id FROM binding WHERE tenant_id = $1 AND kind = $2 AND shop_id = ANY($3)',
      [tenantId, kind, shopIds],
    );
    return new Set(r.rows.map((x) => x.shop_id));
  }

  async remove(tenantId: string, kind: string, pckKeys: readonly string[]): Promise<number> {
    const r = await this.db.query('DELETE FROM binding WHERE tenant_id = $1 AND kind = $2 AND pck_key = ANY($3)', [
      tenantId,
      kind,
      pckKeys,
    ]);
    return r.rowCount ?? 0;
  }

  async list(tenantId: string, kind?: string): Promise<BindingRecord[]> {
    const r = await this.db.query<BindingRow>(
      `SELECT ${BINDING_COLUMNS} FROM binding WHERE tenant_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY kind, pck_key`,
      [tenantId, kind ?? null],
    );
    return r.rows.map(toRecord);
  }
}
