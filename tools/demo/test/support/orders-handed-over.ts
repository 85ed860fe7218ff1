import type { DemoResult } from '../../src';

interface Queryable {
  query<R extends object>(sql: string, params: unknown[]): Promise<{ rows: R[] }>;
}

/** Every order the demo seeded is transferred to PCK exactly once, and PCK fetched and acknowledged each. */
export async function expectOrdersHandedOverOnce(
  db: Queryable,
  tenantId: string,
  result: DemoResult,
  orders: number,
): Promise<void> {
  const rows = await db.query<{ shop_order_id: number; state: string; returned_count: number }>(
    'SELECT shop_order_id, state, returned_count FROM web_order WHERE tenant_id = $1 ORDER BY shop_order_id',
    [tenantId],
  );
  expect(rows.rows).toEqual(
    [...result.seededOrderIds]
      .sort((a, b) => a - b)
      .map((id) => ({ shop_order_id: id, state: 'transferred', returned_count: 1 })),
  );
  expect(result.orders.orders.fetched).toBe(orders);
  expect(result.orders.orders.acknowledged).toBe(orders);
}
