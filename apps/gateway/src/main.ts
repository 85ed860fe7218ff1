import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { connectStore } from '@pcknop/staging-store';
import { loadGatewayConfig } from './lib/config';
import { createGateway } from './lib/create-app';
import { ensureDefaultTenant, ensureSecretsKey } from './lib/default-tenant';
import { createLogger } from './lib/logger';

async function main(): Promise<void> {
  const logger = createLogger('gateway');
  const config = loadGatewayConfig();
  ensureSecretsKey(resolve(process.env.SECRETS_KEY_FILE ?? '.data/secrets.key'), logger);
  const store = await connectStore({ url: config.databaseUrl, dataDir: config.dataDir });
  logger.info({ embedded: store.embedded, migrations: store.appliedMigrations }, 'store ready');
  const gateway = createGateway({ store, logger, config });
  await ensureDefaultTenant(store, gateway.services.repos, config, logger);
  const server: Server = await new Promise((done) => {
    const s = gateway.app.listen(config.port, config.host, () => done(s));
  });
  // PCK keeps its connection open between calls; keep-alive must outlast a typical gap between queued calls.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, soapPath: config.soapPath }, `gateway listening on http://127.0.0.1:${port}${config.soapPath} (WSDL: ?wsdl)`);

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

main().catch((error: Error) => {
  createLogger('gateway').fatal({ err: error }, `gateway failed to start: ${error.message}`);
  process.exit(1);
});
