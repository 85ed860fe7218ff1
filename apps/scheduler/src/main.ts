import { loadEnv, storeSettings } from '@pcknop/runtime-config';
import { connectStore, repositories, runMigrateCommand } from '@pcknop/staging-store';
import cron from 'node-cron';
import pino from 'pino';
import { loadConfig } from './lib/config';
import { createSchedulerMetrics } from './lib/metrics';
import { startObservabilityServer, type ObservabilityServer } from './lib/observability-server';
import { Scheduler } from './lib/scheduler';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ name: 'scheduler', level: config.logLevel, redact: ['*.password', '*.credentials', '*.data'] });
  const store = await connectStore(config.store);
  const repos = repositories(store);
  // The store settings stay out of the log: DATABASE_URL carries the database password.
  const { store: _store, ...settings } = config;
  logger.info({ embedded: store.embedded, migrations: store.appliedMigrations, config: settings }, 'scheduler ready');

  const metrics = createSchedulerMetrics(repos);
  const scheduler = new Scheduler({ repos, config, logger, metrics });
  scheduler.start();
  // Health and metrics; a port already taken (a second scheduler on this machine without its own SCHEDULER_PORT)
  // leaves this scheduler working without them rather than not working at all.
  let http: ObservabilityServer | undefined;
  try {
    http = await startObservabilityServer({
      port: config.port,
      host: config.host,
      registry: metrics.registry,
      ready: async () =>
        !scheduler.isStopping &&
        (await store.pool.query('SELECT 1').then(
          () => true,
          () => false,
        )),
    });
    logger.info({ port: http.port }, 'health and metrics on /healthz, /readyz, /metrics');
  } catch (error) {
    logger.error(
      { err: error, port: config.port },
      'SCHEDULER_PORT is not free; this scheduler runs without /healthz, /readyz and /metrics (give each scheduler its own port)',
    );
  }

  // Backlog report: what is staged and not yet in the shop, per tenant.
  const report = cron.schedule('*/30 * * * * *', async () => {
    try {
      for (const b of await repos.entities.backlog()) logger.info({ backlog: b }, 'backlog');
    } catch (error) {
      logger.warn({ err: error }, 'backlog report failed');
    }
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    setTimeout(() => process.exit(1), config.stopGraceMs + 5000).unref();
    await report.stop();
    await scheduler.stop();
    await http?.close();
    await store.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (process.argv[2] === 'migrate') {
  // `node main.js migrate`: the production release step (apply pending migrations, then exit).
  const env = loadEnv();
  void runMigrateCommand({
    ...storeSettings(env),
    logger: pino({ name: 'scheduler', level: env.string('LOG_LEVEL') }),
  }).then((code) => process.exit(code));
} else {
  main().catch((error: Error) => {
    pino({ name: 'scheduler' }).fatal({ err: error }, `scheduler failed to start: ${error.message}`);
    process.exit(1);
  });
}
