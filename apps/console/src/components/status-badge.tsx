import { STATUS_TEXT, type TenantStatus } from '../lib/tenant-status';

export function StatusBadge({ status }: { status: TenantStatus }) {
  return (
    <span class={`badge ${status}`} data-status={status}>
      {STATUS_TEXT[status]}
    </span>
  );
}
