import type { Repositories } from '@pcknop/staging-store';
import type { ReconcileReport } from './reconcile-report';

/** What a repair did: entities queued again, stale product bindings dropped (so the product is made again). */
export interface RepairResult {
  restaged: number;
  bindingsRemoved: number;
}

/** What a reconciliation run stores in `reconciliation_job.result` (on demand or nightly): the report, and the repair when asked. */
export interface ReconciliationJobResult {
  report: ReconcileReport;
  repair?: RepairResult;
}

/**
 * Re-stages what a reconciliation found different: every staged entity whose key differs is queued again, and a
 * product binding whose shop row is missing or deleted is dropped first, so the applier makes the product anew.
 */
export async function repairDifferences(
  repos: Pick<Repositories, 'entities' | 'bindings'>,
  tenantId: string,
  report: ReconcileReport,
): Promise<RepairResult> {
  const keys = report.entities.differences.map((d) => d.key);
  const gone = report.entities.differences
    .filter(
      (d) =>
        d.field === 'exists' &&
        (d.actual === 'missing' || d.actual === 'deleted') &&
        (d.kind === 'product' || d.kind === 'variant'),
    )
    .map((d) => d.key);
  const bindingsRemoved = gone.length > 0 ? await repos.bindings.remove(tenantId, 'product', gone) : 0;
  const restaged = await repos.entities.restage(tenantId, keys);
  return { restaged, bindingsRemoved };
}
