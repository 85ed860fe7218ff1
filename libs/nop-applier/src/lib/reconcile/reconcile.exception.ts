import { PcknopError, withDetail } from '@pcknop/errors';

/** Why a reconciliation could not run. */
export enum ReconcileErrorCode {
  NoTenant = 'RECONCILE_NO_TENANT',
  NoShop = 'RECONCILE_NO_SHOP',
}

export function describeReconcileErrorCode(code: ReconcileErrorCode): string {
  switch (code) {
    case ReconcileErrorCode.NoTenant:
      return 'No such tenant:';
    case ReconcileErrorCode.NoShop:
      return 'The tenant has no shop URL or shop credentials:';
    default: {
      const never: never = code;
      return String(never);
    }
  }
}

export class ReconcileError extends PcknopError<ReconcileErrorCode> {
  override readonly name = 'ReconcileError';

  constructor(code: ReconcileErrorCode, detail: string) {
    super(code, withDetail(describeReconcileErrorCode(code), detail), { detail });
  }
}
