import type { PckOrderHints } from '@pcknop/field-mapping';
import { recordFromJson, type TwinOrder } from '@pcknop/twinxml';

type Json = Record<string, unknown>;

/**
 * A staged web order back to a TwinOrder. The record is `{ order, hints }` (the scheduler's form: twinxml's canonical
 * JSON of the order, plus the PCK hints such as store pickup that TwinOrder has no field for) or the order alone.
 * A record twinxml cannot read throws with the path of the bad field: the caller marks that order failed for the
 * operator rather than hand PCK an order with guessed amounts.
 */
export function stagedOrderFromJson(record: unknown): { order: TwinOrder; hints: PckOrderHints } {
  const r = (record ?? {}) as Json;
  const wrapped = r['order'] !== null && typeof r['order'] === 'object';
  const o = wrapped ? r['order'] : r;
  const hints = (wrapped ? (r['hints'] ?? {}) : {}) as PckOrderHints;
  return { order: recordFromJson('order', o), hints };
}
