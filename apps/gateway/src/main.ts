import type { Server } from 'node:http';
import { connectStore } from '@pcknop/staging-store';
import { loadGatewayConfig } from './lib/config';
import { createGatewayApp } from './lib/create-app';
import { createLogger } from './lib/logger';

async function main(): Promise<void> {
  const logger = createLogger('gateway');
  const config = loadGatewayConfig();
  const store = await connectStore({ url: config.databaseUrl, dataDir: config.dataDir });
  logger.info({ embedded: store.embedded, migrations: store.appliedMigrations }, 'store ready');
  const app = createGatewayApp({ store, logger });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, soapPath: config.soapPath }, `gateway listening on http://127.0.0.1:${port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // A hung shutdown must not keep the process: bound it.
    setTimeout(() => process.exit(1), 10_000).unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: Error) => {
  createLogger('gateway').fatal({ err: error }, `gateway failed to start: ${error.message}`);
  process.exit(1);
});
