export {
  RECONCILE_STEPS,
  reconcileTenant,
  reconcileTenantById,
  tenantProfile,
  type ReconcileOptions,
  type ReconcileRepos,
} from './reconcile-tenant';
export { reconcileCatalogue, type CatalogueReconcileInput, type CatalogueReconcileResult } from './reconcile-catalogue';
export { reconcileOrders, type OrdersReconcileInput } from './reconcile-orders';
export { formatReconcileReport } from './format-reconcile-report';
export {
  isReportOk,
  type ReconcileReport,
  type ReconcileDifference,
  type OrdersReconciliation,
  type DuplicateProducts,
  type DuplicatePictures,
} from './reconcile-report';
export { ReconcileError, ReconcileErrorCode, describeReconcileErrorCode } from './reconcile.exception';
export { repairDifferences, type RepairResult, type ReconciliationJobResult } from './repair-differences';
