import { reconcileTenant, repairDifferences, type ReconciliationJobResult } from '@pcknop/nop-applier';
import type { Repositories } from '@pcknop/staging-store';
import { stagePaidOrders } from './order-poll';
import type { ServedTenant } from './tenant-directory';

/** The nightly result as stored in `reconciliation_job`: the admin API's job result, plus the orders the sweep staged. */
export interface NightlyReconciliation extends ReconciliationJobResult {
  /** Paid shop orders the poll had missed, staged for PCK by this run. */
  missedOrdersStaged: number[];
}

export interface NightlyReconciliationOptions {
  /** The order sweep looks back this far (the poll's first look-back). */
  lookbackMs: number;
  /** Re-stage what differs and drop bindings of products gone from the shop (as the admin API's repair). */
  repair: boolean;
  now?: Date;
}

/**
 * The nightly reconciliation of one tenant: first every paid shop order within the look-back is staged for PCK (one
 * the poll missed — paid after its pending horizon, or while the poll could not run — is staged now, once), then
 * nop-applier's reconciliation (the admin API's and the CLI's: catalogue field by field, duplicates, orders), then
 * the repair when asked.
 */
export async function reconcileNightly(
  repos: Repositories,
  served: ServedTenant,
  options: NightlyReconciliationOptions,
): Promise<NightlyReconciliation> {
  const now = options.now ?? new Date();
  const missedOrdersStaged = await stagePaidOrders(repos, served, new Date(now.getTime() - options.lookbackMs));
  const report = await reconcileTenant(repos, served.tenant, served.adapter.client, { now });
  const repair = options.repair ? await repairDifferences(repos, served.tenant.id, report) : undefined;
  return { report, ...(repair ? { repair } : {}), missedOrdersStaged };
}
