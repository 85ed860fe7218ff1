import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ReconcileError, ReconcileErrorCode, reconcileTenantById, type ReconcileRepos } from '@pcknop/nop-applier';
import type { Logger } from 'pino';

export interface ReconciliationRoutesDeps {
  repos: ReconcileRepos;
  logger: Logger;
}

/**
 * `GET /tenants/:id/reconciliation`: compares what PCK last sent with what the tenant's shop holds, and paid orders
 * and deliveries with PCK's acknowledgements (read-only). 200 with the report (`ok` says whether anything differs),
 * 404 for an unknown tenant, 409 when the tenant has no shop, 502 when the shop cannot be read.
 * Mounted inside the admin router, behind its bearer token.
 */
export function reconciliationRoutes(deps: ReconciliationRoutesDeps): Router {
  const router = express.Router();
  router.get('/:id/reconciliation', async (req: Request, res: Response, next: NextFunction) => {
    const tenantId = String(req.params['id']);
    const since = typeof req.query['ordersSince'] === 'string' ? new Date(req.query['ordersSince']) : undefined;
    if (since && Number.isNaN(since.getTime())) {
      res.status(400).json({ error: 'ordersSince must be an ISO date' });
      return;
    }
    try {
      const report = await reconcileTenantById(deps.repos, tenantId, since ? { ordersSince: since } : {});
      deps.logger.info({ tenantId, ok: report.ok, differences: report.entities.differences.length + report.orders.differences.length }, 'reconciliation');
      res.json(report);
    } catch (error) {
      if (error instanceof ReconcileError) {
        res.status(error.code === ReconcileErrorCode.NoTenant ? 404 : 409).json({ error: error.message });
      } else if ((error as { name?: string }).name === 'NopClientError') {
        deps.logger.warn({ tenantId, err: error }, 'reconciliation: shop unreachable');
        res.status(502).json({ error: `shop: ${(error as Error).message}` });
      } else {
        next(error);
      }
    }
  });
  return router;
}
