import { Decimal } from 'decimal.js';
import type { PckOrderHints } from '@pcknop/field-mapping';
import { recordFromJson, type TwinOrder, type TwinOrderLine } from '@pcknop/twinxml';

type Json = Record<string, unknown>;

const dec = (v: unknown): Decimal => new Decimal(typeof v === 'string' || typeof v === 'number' ? v : 0);
const date = (v: unknown): Date | undefined => (typeof v === 'string' || typeof v === 'number' ? new Date(v) : undefined);

/**
 * A staged web order (twinxml's JSON form, or a plain JSON copy of the model) back to a TwinOrder. The record is either the TwinOrder itself
 * or `{ order, hints }` with the PCK hints (store pickup) the TwinOrder has no field for.
 */
export function stagedOrderFromJson(record: unknown): { order: TwinOrder; hints: PckOrderHints } {
  const r = (record ?? {}) as Json;
  const o = (r['order'] && typeof r['order'] === 'object' ? r['order'] : r) as Json;
  const hints = (o === r ? {} : (r['hints'] ?? {})) as PckOrderHints;
  try {
    // twinxml's canonical JSON form (what the scheduler stages).
    return { order: recordFromJson('order', o), hints };
  } catch {
    // A plain JSON.stringify of the model: read it leniently below.
  }
  const payment = (o['payment'] ?? {}) as Json;
  const lines = ((o['lines'] ?? []) as Json[]).map(
    (l): TwinOrderLine => ({
      ...(l as unknown as TwinOrderLine),
      quantity: dec(l['quantity']),
      unitPrice: dec(l['unitPrice']),
      vatRate: dec(l['vatRate']),
      discount: dec(l['discount']),
    }),
  );
  const order: TwinOrder = {
    ...(o as unknown as TwinOrder),
    createdAt: date(o['createdAt']) ?? new Date(0),
    lines,
    payment: {
      ...(payment as unknown as TwinOrder['payment']),
      captured: dec(payment['captured']),
      ...(payment['authorised'] !== undefined ? { authorised: dec(payment['authorised']) } : {}),
    },
    total: dec(o['total']),
  };
  const paidAt = date(o['paidAt']);
  if (paidAt) order.paidAt = paidAt;
  else delete order.paidAt;
  return { order, hints };
}
