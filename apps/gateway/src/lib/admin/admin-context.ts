import type { Repositories } from '@pcknop/staging-store';
import type { Logger } from 'pino';
import { actorName, type Actor } from './admin-auth';
import type { AdminRouteTable } from './admin-route';
import type { BatchReplayer } from './batch-replayer';
import type { ReconciliationJobRunner } from './reconciliation-job-runner';

/** What every group of admin routes gets. */
export interface AdminContext {
  table: AdminRouteTable;
  repos: Repositories;
  logger: Logger;
  /** Forget cached credentials and shop connections of a tenant that changed. */
  onTenantChanged(tenantId: string, pckLogin: number): void;
  jobs: ReconciliationJobRunner;
  replayer: BatchReplayer;
  /** Writes the audit log entry of a change (who, what, when); never secrets in `details`. */
  audit(
    actor: Actor,
    action: string,
    tenantId: string | null,
    target?: string | null,
    details?: Record<string, unknown>,
  ): Promise<void>;
  /** Shop connection test timeout (tests: short). */
  shopTestTimeoutMs?: number;
}

export function auditWriter(repos: Pick<Repositories, 'auditLog'>): AdminContext['audit'] {
  return (actor, action, tenantId, target, details) =>
    repos.auditLog.append({ actor: actorName(actor), action, tenantId, target: target ?? null, details });
}
