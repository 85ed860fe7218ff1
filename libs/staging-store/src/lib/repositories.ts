import { AuthFailureRepository } from './auth-failure-repository';
import { AuditLogRepository } from './audit-log-repository';
import { BatchRepository } from './batch-repository';
import { BindingRepository } from './binding-repository';
import { CallLogRepository } from './call-log-repository';
import type { Store } from './create-store';
import { CursorRepository } from './cursor-repository';
import { DeliveryRepository } from './delivery-repository';
import { EntityRepository } from './entity-repository';
import { OrderTriggerRepository } from './order-trigger-repository';
import { OperatorTokenRepository } from './operator-token-repository';
import { ReconciliationJobRepository } from './reconciliation-job-repository';
import { FlushPauseRepository } from './flush-pause-repository';
import { TenantRepository } from './tenant-repository';
import { TwinxmlSourceRepository } from './twinxml-source-repository';
import { WebOrderRepository } from './web-order-repository';

/** The repository API the apps use; no Prisma or SQL outside this library. */
export interface Repositories {
  tenants: TenantRepository;
  entities: EntityRepository;
  bindings: BindingRepository;
  batches: BatchRepository;
  webOrders: WebOrderRepository;
  deliveries: DeliveryRepository;
  cursors: CursorRepository;
  callLog: CallLogRepository;
  authFailures: AuthFailureRepository;
  orderTriggers: OrderTriggerRepository;
  twinxmlSources: TwinxmlSourceRepository;
  operatorTokens: OperatorTokenRepository;
  auditLog: AuditLogRepository;
  reconciliationJobs: ReconciliationJobRepository;
  /** Tenants whose flush rests during a shop outage, and why (Norwegian, for the operator). */
  flushPauses: FlushPauseRepository;
}

export function repositories(store: Pick<Store, 'prisma' | 'pool'>): Repositories {
  const entities = new EntityRepository(store.pool);
  return {
    tenants: new TenantRepository(store.prisma),
    entities,
    bindings: new BindingRepository(store.pool),
    batches: new BatchRepository(store.pool),
    webOrders: new WebOrderRepository(store.pool),
    deliveries: new DeliveryRepository(store.pool),
    cursors: new CursorRepository(store.pool),
    callLog: new CallLogRepository(store.pool),
    authFailures: new AuthFailureRepository(store.pool),
    orderTriggers: new OrderTriggerRepository(store.pool),
    twinxmlSources: new TwinxmlSourceRepository(store.pool, entities),
    operatorTokens: new OperatorTokenRepository(store.pool),
    auditLog: new AuditLogRepository(store.pool),
    reconciliationJobs: new ReconciliationJobRepository(store.pool),
    flushPauses: new FlushPauseRepository(store.pool),
  };
}
