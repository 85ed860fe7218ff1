import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import {
  listenTenantChanges,
  notifyTenantChanged,
  pendingMigrations,
  repositories,
  StageCoalescer,
  type Store,
} from '@pcknop/staging-store';
import { AdmissionGate, DEFAULT_ADMISSION } from './admission-gate';
import { createAdminApi, type AdminApi } from './admin/admin-api';
import { twinxmlAdminRoutes } from './admin/twinxml-admin-routes';
import { TenantAuthenticator } from './authenticate-tenant';
import { defaultConsoleSource, mountConsole } from './console/serve-console';
import { CallLogWriter } from './call-log';
import type { GatewayConfig } from './config';
import { withDeadline } from './deadline';
import { FailureThrottle, type FailureThrottleOptions } from './failure-throttle';
import { createMetrics, type GatewayMetrics } from './metrics';
import type { GatewayServices, OrderPoller } from './operations/operation-context';
import { defaultShopAdapterFactory, ShopConnections, type ShopAdapterFactory } from './shop-connection';
import { mountSoapEndpoint } from './soap-endpoint';
import { SourceOwnership } from './twinxml/source-ownership';
import { twinxmlRoutes } from './twinxml/twinxml-routes';

export type GatewayAppConfig = Pick<
  GatewayConfig,
  | 'soapPath'
  | 'publicUrl'
  | 'adminToken'
  | 'maxBodyBytes'
  | 'maxImageBytes'
  | 'requestDeadlineMs'
  | 'shopDeadlineMs'
  | 'authCacheTtlMs'
  | 'trustProxy'
  | 'maxCompressionRatio'
  | 'maxInFlightRequests'
  | 'maxInFlightBytes'
  | 'twinxmlMaxBytes'
  | 'consoleDir'
>;

export const DEFAULT_APP_CONFIG: GatewayAppConfig = {
  soapPath: '/WebshopWS',
  maxBodyBytes: 32 * 1024 * 1024,
  maxImageBytes: 5 * 1024 * 1024,
  requestDeadlineMs: 8000,
  shopDeadlineMs: 45_000,
  authCacheTtlMs: 60_000,
  twinxmlMaxBytes: 1024 * 1024 * 1024,
  trustProxy: ['loopback'],
  maxCompressionRatio: 50,
  maxInFlightRequests: DEFAULT_ADMISSION.maxRequests,
  maxInFlightBytes: DEFAULT_ADMISSION.maxBytes,
};

export interface GatewayDeps {
  store: Store;
  logger: Logger;
  config?: Partial<GatewayAppConfig>;
  /** How shop adapters are built (tests: short timeouts). */
  shopAdapterFactory?: ShopAdapterFactory;
  /**
   * A shop poll run inside getOrders before the staged orders are handed over, given at most `timeBoxMs` (no
   * production wiring: the scheduler polls the shops; tests use it to hold a getOrders open).
   */
  orderPoll?: { poller: OrderPoller; timeBoxMs: number };
  throttle?: FailureThrottleOptions;
  /** The text of /metrics (GATEWAY_WORKERS > 1: the whole cluster's, see cluster-metrics.ts); default: this app's registry. */
  metricsText?: (local: Registry) => Promise<string>;
  /** Timeout of the admin API's shop connection test (default 10 s). */
  shopTestTimeoutMs?: number;
}

export interface Gateway {
  app: Express;
  services: GatewayServices;
  metrics: GatewayMetrics;
  callLog: CallLogWriter;
  authenticator: TenantAuthenticator;
  /** Requests and body bytes in flight before authentication. */
  admission: AdmissionGate;
  /** The admin API (undefined when ADMIN_TOKEN is unset). */
  admin?: AdminApi;
  /** Flushes the call log and closes shop connections (the store belongs to the caller). */
  close(): Promise<void>;
}

/** The gateway: SOAP endpoint, admin API, health, readiness and metrics on one Express app. */
export function createGateway(deps: GatewayDeps): Gateway {
  const config: GatewayAppConfig = { ...DEFAULT_APP_CONFIG, ...deps.config };
  const { store, logger } = deps;
  const repos = repositories(store);
  const shops = new ShopConnections(
    repos.tenants,
    deps.shopAdapterFactory ?? defaultShopAdapterFactory(logger.child({ component: 'shop' })),
  );
  const services: GatewayServices = {
    repos,
    stager: new StageCoalescer(repos.entities),
    logger,
    shops,
    orderPoll: deps.orderPoll,
    maxImageBytes: config.maxImageBytes,
    publicUrl: config.publicUrl,
    ownership: new SourceOwnership(repos.twinxmlSources),
  };
  const authenticator = new TenantAuthenticator(repos.tenants, { ttlMs: config.authCacheTtlMs });
  const throttle = new FailureThrottle(repos.authFailures, deps.throttle);
  const metrics = createMetrics(repos.entities);
  const callLog = new CallLogWriter(repos.callLog, logger);
  const admission = new AdmissionGate({
    maxRequests: config.maxInFlightRequests,
    maxBytes: config.maxInFlightBytes,
    smallBodyBytes: DEFAULT_ADMISSION.smallBodyBytes,
  });

  const forgetTenant = (tenantId: string, pckLogin: number) => {
    authenticator.invalidate(pckLogin);
    shops.invalidate(tenantId);
  };
  // Admin changes made through any process (worker, replica) reach this one's login cache and shop connections.
  const tenantChanges = listenTenantChanges(store.url, {
    changed: (change) => forgetTenant(change.tenantId, change.pckLogin),
    resync: () => {
      authenticator.invalidate();
      shops.invalidateAll();
    },
  });

  const app = express();
  app.disable('x-powered-by');
  // Decides req.ip, which the password throttle counts: only proxies the operator named may set X-Forwarded-For.
  app.set('trust proxy', config.trustProxy);
  // The SOAP endpoint first: PCK's calls are nearly all the traffic, so they should not walk past other routes.
  mountSoapEndpoint(
    app,
    {
      path: config.soapPath,
      publicUrl: config.publicUrl,
      maxBodyBytes: config.maxBodyBytes,
      maxCompressionRatio: config.maxCompressionRatio,
      requestDeadlineMs: config.requestDeadlineMs,
      shopDeadlineMs: config.shopDeadlineMs,
    },
    { services, authenticator, throttle, metrics, callLog, admission },
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
      // Unauthenticated: the reason (host names, SQL, paths) goes to the log, not to the caller.
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res
      .type(metrics.registry.contentType)
      .send(await (deps.metricsText ? deps.metricsText(metrics.registry) : metrics.registry.metrics()));
  });
  app.use('/twinxml/v1', twinxmlRoutes({ repos, logger, maxBytes: config.twinxmlMaxBytes }));
  // The admin API: ADMIN_TOKEN (integrator) and per-tenant operator tokens; without ADMIN_TOKEN it is off.
  let admin: AdminApi | undefined;
  if (config.adminToken) {
    app.use(
      '/admin',
      twinxmlAdminRoutes({
        token: config.adminToken,
        repos,
        onSourcesChanged: (id) => services.ownership.invalidate(id),
      }),
    );
    admin = createAdminApi({
      adminToken: config.adminToken,
      repos,
      logger,
      shopTestTimeoutMs: deps.shopTestTimeoutMs,
      onTenantChanged(tenantId, pckLogin) {
        forgetTenant(tenantId, pckLogin);
        // Every other worker and replica forgets it too (they listen on the same channel).
        notifyTenantChanged(store.pool, { tenantId, pckLogin }).catch((error: unknown) =>
          logger.error({ err: error, tenantId }, 'could not announce a tenant change'),
        );
      },
    });
    app.use('/admin', admin.router);
  }
  mountConsole(
    app,
    defaultConsoleSource(undefined, undefined, config.consoleDir),
    logger.child({ component: 'console' }),
  );
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
    admission,
    admin,
    async close() {
      await admin?.jobs.idle();
      await (await tenantChanges).close();
      await callLog.flush();
      await shops.close();
    },
  };
}

export function createGatewayApp(deps: GatewayDeps): Express {
  return createGateway(deps).app;
}
