import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import type { Registry } from 'prom-client';

export interface ObservabilityOptions {
  port: number;
  host: string;
  registry: Registry;
  /** Ready to work: the database answers and the scheduler is not stopping. */
  ready(): Promise<boolean>;
}

export interface ObservabilityServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The scheduler's own small HTTP server: `/healthz` (the process answers), `/readyz` (it can work: the database
 * answers, not stopping; 503 otherwise) and `/metrics` (Prometheus). Each scheduler on one machine needs its own
 * `SCHEDULER_PORT` (0 = any free port).
 */
export async function startObservabilityServer(options: ObservabilityOptions): Promise<ObservabilityServer> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await Promise.race([
      options.ready().catch(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000).unref()),
    ]);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(options.registry.contentType).send(await options.registry.metrics());
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port, options.host);
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
