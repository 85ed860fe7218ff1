import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { pendingMigrations, repositories, StageCoalescer, type Store } from '@pcknop/staging-store';
import { tenantRoutes } from './admin/tenant-routes';
import { TenantAuthenticator } from './authenticate-tenant';
import { CallLogWriter } from './call-log';
import type { GatewayConfig } from './config';
import { withDeadline } from './deadline';
import { FailureThrottle, type FailureThrottleOptions } from './failure-throttle';
import { createMetrics, type GatewayMetrics } from './metrics';
import type { GatewayServices, OrderPoller } from './operations/operation-context';
import { defaultShopAdapterFactory, ShopConnections, type ShopAdapterFactory } from './shop-connection';
import { mountSoapEndpoint } from './soap-endpoint';

export type GatewayAppConfig = Pick<
  GatewayConfig,
  'soapPath' | 'publicUrl' | 'adminToken' | 'maxBodyBytes' | 'maxImageBytes' | 'requestDeadlineMs' | 'shopDeadlineMs' | 'authCacheTtlMs' | 'getOrdersPollMs'
>;

export const DEFAULT_APP_CONFIG: GatewayAppConfig = {
  soapPath: '/WebshopWS',
  maxBodyBytes: 32 * 1024 * 1024,
  maxImageBytes: 5 * 1024 * 1024,
  requestDeadlineMs: 8000,
  shopDeadlineMs: 45_000,
  authCacheTtlMs: 60_000,
  getOrdersPollMs: 0,
};

export interface GatewayDeps {
  store: Store;
  logger: Logger;
  config?: Partial<GatewayAppConfig>;
  /** How shop adapters are built (tests: short timeouts). */
  shopAdapterFactory?: ShopAdapterFactory;
  orderPoller?: OrderPoller;
  throttle?: FailureThrottleOptions;
}

export interface Gateway {
  app: Express;
  services: GatewayServices;
  metrics: GatewayMetrics;
  callLog: CallLogWriter;
  authenticator: TenantAuthenticator;
  /** Flushes the call log and closes shop connections (the store belongs to the caller). */
  close(): Promise<void>;
}

/** The gateway: SOAP endpoint, admin API, health, readiness and metrics on one Express app. */
export function createGateway(deps: GatewayDeps): Gateway {
  const config: GatewayAppConfig = { ...DEFAULT_APP_CONFIG, ...deps.config };
  const { store, logger } = deps;
  const repos = repositories(store);
  const shops = new ShopConnections(repos.tenants, deps.shopAdapterFactory ?? defaultShopAdapterFactory(logger.child({ component: 'shop' })));
  const services: GatewayServices = {
    repos,
    stager: new StageCoalescer(repos.entities),
    logger,
    shops,
    orderPoller: deps.orderPoller,
    getOrdersPollMs: config.getOrdersPollMs,
    maxImageBytes: config.maxImageBytes,
    publicUrl: config.publicUrl,
    webstockLimits: new Map(),
    sideRecords: new Map(),
  };
  const authenticator = new TenantAuthenticator(repos.tenants, { ttlMs: config.authCacheTtlMs });
  const throttle = new FailureThrottle(deps.throttle);
  const metrics = createMetrics(repos.entities);
  const callLog = new CallLogWriter(repos.callLog, logger);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // The SOAP endpoint first: PCK's calls are nearly all the traffic, so they should not walk past other routes.
  mountSoapEndpoint(
    app,
    {
      path: config.soapPath,
      publicUrl: config.publicUrl,
      maxBodyBytes: config.maxBodyBytes,
      requestDeadlineMs: config.requestDeadlineMs,
      shopDeadlineMs: config.shopDeadlineMs,
    },
    { services, authenticator, throttle, metrics, callLog },
  );
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      const pending = await withDeadline(pendingMigrations(store.pool), 3000);
      if (pending.length > 0) {
        res.status(503).json({ status: 'migrations pending', pending });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'database unreachable', error: (error as Error).message });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  if (config.adminToken) {
    app.use(
      '/admin',
      tenantRoutes({
        token: config.adminToken,
        repos,
        logger,
        onTenantChanged(tenantId, pckLogin) {
          authenticator.invalidate(pckLogin);
          shops.invalidate(tenantId);
        },
      }),
    );
  }
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // Last resort: JSON, never Express's HTML page.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    logger.error({ err: error }, 'unhandled request error');
    res.status(500).json({ error: 'internal error' });
  });

  return {
    app,
    services,
    metrics,
    callLog,
    authenticator,
    async close() {
      await callLog.flush();
      await shops.close();
    },
  };
}

export function createGatewayApp(deps: GatewayDeps): Express {
  return createGateway(deps).app;
}
