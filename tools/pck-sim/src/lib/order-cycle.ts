import type { OrderCycleOptions, Scenario } from './scenario';

/**
 * The user clicks «Oppfrisk» under «Aktive webordre»: getOrders, then for each order status 4,
 * delivery (5 then 3, or 3), updatePackageInfo with the sendId, and a partial creditOrder. The
 * calls depend on the shop's answers, so the runner plays them (see order-cycle-runner.ts).
 */
export function orderCycle(options: OrderCycleOptions = {}): Scenario {
  return { name: 'orderCycle', steps: [{ kind: 'orderCycle', options }] };
}
