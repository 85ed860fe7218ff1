import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import type { Registry } from 'prom-client';
import { loadEnv, storeSettings } from '@pcknop/runtime-config';
import { connectStore, repositories, runMigrateCommand } from '@pcknop/staging-store';
import { clusterMetricsSource, serveClusterMetrics } from './lib/cluster-metrics';
import { loadGatewayConfig } from './lib/config';
import { createGateway } from './lib/create-app';
import { ensureDefaultTenant, ensureSecretsKey } from './lib/default-tenant';
import { createLogger } from './lib/logger';

/** One process serving the port: alone (GATEWAY_WORKERS unset or 1) or as one of the cluster's workers. */
async function serve(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.logLevel);
  ensureSecretsKey(config, logger);
  const store = await connectStore(config.store);
  logger.info({ embedded: store.embedded, migrations: store.appliedMigrations }, 'store ready');
  // A worker's /metrics answers for the whole cluster (the primary aggregates every worker's registry).
  let fromCluster: ((local: Registry) => Promise<string>) | undefined;
  const metricsText = cluster.isWorker
    ? (local: Registry) => (fromCluster ? fromCluster(local) : local.metrics())
    : undefined;
  const gateway = createGateway({ store, logger, config, metricsText });
  if (cluster.isWorker) fromCluster = clusterMetricsSource(gateway.metrics.registry);
  await ensureDefaultTenant(store, gateway.services.repos, config, logger);
  const server: Server = await new Promise((done) => {
    const s = gateway.app.listen(config.port, config.host, () => done(s));
  });
  // PCK keeps its connection open between calls; keep-alive must outlast a typical gap between queued calls.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    { port, soapPath: config.soapPath },
    `gateway listening on http://127.0.0.1:${port}${config.soapPath} (WSDL: ?wsdl)`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // A hung shutdown must not keep the process: bound it.
    setTimeout(() => process.exit(1), 10_000).unref();
    await new Promise<void>((done) => server.close(() => done()));
    await gateway.close();
    await store.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // The process survives what a request throws; log it instead of dying mid-queue.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
}

/**
 * GATEWAY_WORKERS > 1: this process prepares what must happen once (secrets key, database — an embedded server stays
 * owned by it —, migrations, default tenant), then forks that many workers sharing the port (node:cluster) and
 * restarts one that dies. Each worker has its own pool, auth cache and call-log buffer; what must agree (password
 * failure counts, tenant changes, staged state) lives in PostgreSQL, and /metrics is aggregated here.
 */
async function supervise(workers: number): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.logLevel);
  ensureSecretsKey(config, logger);
  const store = await connectStore({ ...config.store, maxConnections: 2 });
  await ensureDefaultTenant(store, repositories(store), config, logger);
  const env = { DATABASE_URL: store.url };
  let stopping = false;
  let listening = 0;
  const fork = (): Worker => cluster.fork(env);
  serveClusterMetrics();
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (listening === workers)
      logger.info(
        { workers, port: address.port },
        `gateway: ${workers} worker processes listening on port ${address.port}`,
      );
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'gateway worker died; starting another');
    fork();
  });
  for (let i = 0; i < workers; i++) fork();

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping workers');
    setTimeout(() => process.exit(1), 12_000).unref();
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    await Promise.all(
      alive.map(
        (w) =>
          new Promise<void>((done) => {
            w.once('exit', () => done());
            w.process.kill('SIGTERM');
          }),
      ),
    );
    await store.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function main(): Promise<void> {
  const workers = cluster.isPrimary ? (loadGatewayConfig().workers ?? 1) : 1;
  await (workers > 1 ? supervise(workers) : serve());
}

if (process.argv[2] === 'migrate') {
  // `node main.js migrate`: the production release step (apply pending migrations, then exit).
  const env = loadEnv();
  void runMigrateCommand({ ...storeSettings(env), logger: createLogger('gateway', env.string('LOG_LEVEL')) }).then(
    (code) => process.exit(code),
  );
} else {
  main().catch((error: Error) => {
    createLogger('gateway').fatal({ err: error }, `gateway failed to start: ${error.message}`);
    process.exit(1);
  });
}
