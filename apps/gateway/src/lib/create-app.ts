import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { pendingMigrations, type Store } from '@pcknop/staging-store';

export interface GatewayDeps {
  store: Store;
  logger: Logger;
}

/** The gateway's HTTP application: health and readiness now; the SOAP endpoint and admin API mount here. */
export function createGatewayApp({ store }: GatewayDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      const pending = await pendingMigrations(store.pool);
      if (pending.length > 0) {
        res.status(503).json({ status: 'migrations pending', pending });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'database unreachable', error: (error as Error).message });
    }
  });
  return app;
}
