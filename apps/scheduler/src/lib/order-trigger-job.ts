import type { Repositories, TenantRecord } from '@pcknop/staging-store';
import type { Logger } from 'pino';
import type { OrderTriggerCaller } from './order-trigger-caller';
import { OrderTriggerError } from './order-trigger.exception';
import { orderTriggerUrl, readOrderTriggerOptions, type OrderTriggerOptions } from './order-trigger-options';

export interface OrderTriggerJobOptions {
  /** At most one call per tenant within this interval (shared by all schedulers through PostgreSQL). */
  minIntervalMs: number;
  timeoutMs: number;
  /** Failed calls of one owed trigger before it is given up. */
  maxAttempts: number;
  retryBaseMs: number;
  retryCapMs: number;
}

/**
 * Calls PCK's order trigger after paid orders were staged, so the till fetches them (getOrders stays the only
 * hand-over: the trigger only makes PCK ask sooner, so a repeated call can never hand an order over twice).
 */
export class OrderTriggerJob {
  constructor(
    private readonly repos: Pick<Repositories, 'orderTriggers' | 'tenants'>,
    private readonly caller: OrderTriggerCaller,
    private readonly options: OrderTriggerJobOptions,
    private readonly logger: Logger,
  ) {}

  private optionsOf(tenant: TenantRecord): OrderTriggerOptions | undefined {
    try {
      return readOrderTriggerOptions(tenant.options);
    } catch (error) {
      this.logger.warn({ tenantId: tenant.id, err: error }, 'order trigger options invalid; trigger not called');
      return undefined;
    }
  }

  /** New paid orders were staged for this tenant: a call is owed if the tenant opted in. */
  async request(tenant: TenantRecord): Promise<boolean> {
    if (!this.optionsOf(tenant)) return false;
    await this.repos.orderTriggers.request(tenant.id);
    return true;
  }

  /** Calls every owed trigger whose back-off and minimum interval have passed. Returns the calls made. */
  async run(): Promise<number> {
    let calls = 0;
    await Promise.all(
      (await this.repos.orderTriggers.due()).map(async (tenantId) => {
        const tenant = await this.repos.tenants.get(tenantId);
        const options = tenant?.active ? this.optionsOf(tenant) : undefined;
        if (!options) {
          // Switched off (or the tenant is gone or inactive) while a call was owed: nothing is owed any more.
          await this.repos.orderTriggers.cancel(tenantId);
          return;
        }
        const claim = await this.repos.orderTriggers.claim(tenantId, {
          minIntervalMs: this.options.minIntervalMs,
          leaseMs: this.options.timeoutMs + 5000,
        });
        if (!claim) return;
        calls++;
        const url = orderTriggerUrl(options);
        // The licence number is not a secret; other query parameters of the base URL might be, so only host and path are logged.
        const where = { tenantId, trigger: `${url.origin}${url.pathname}`, licenceNo: options.licenceNo };
        try {
          const status = await this.caller.call(url);
          await this.repos.orderTriggers.succeeded(claim, status);
          this.logger.info({ ...where, status }, 'order trigger called');
        } catch (error) {
          const status = error instanceof OrderTriggerError ? error.status : null;
          const message = error instanceof Error ? error.message : String(error);
          const backoff = Math.min(this.options.retryCapMs, this.options.retryBaseMs * 2 ** claim.failures);
          const retryInMs = Math.round(backoff * (0.75 + Math.random() * 0.5));
          const outcome = await this.repos.orderTriggers.failed(claim, {
            status,
            error: message,
            retryInMs,
            maxAttempts: this.options.maxAttempts,
          });
          this.logger.warn(
            { ...where, status, error: message, outcome, retryInMs: outcome === 'failed' ? retryInMs : undefined },
            'order trigger failed',
          );
        }
      }),
    );
    return calls;
  }
}
