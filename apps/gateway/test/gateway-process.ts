import { randomBytes } from 'node:crypto';
import { startApp, type AppProcess } from '@pcknop/launcher/testing';
import { createTestDatabase, type TestDatabase } from '@pcknop/staging-store/testing';

export interface GatewayProcess {
  app: AppProcess;
  /** The port it listens on (it picks a free one). */
  port: number;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * The gateway as it runs in production: main.ts in a process of its own over a fresh database, with no settings but
 * these (none inherited from the test's environment), the default tenant's PCK login, and `env`. Ready once it
 * logs `listening` (whose first group is the port).
 */
export async function startGatewayProcess(options: {
  database: string;
  pck: { login: number; password: string };
  listening: RegExp;
  env?: NodeJS.ProcessEnv;
}): Promise<GatewayProcess> {
  const db = await createTestDatabase(options.database);
  const app = startApp('gateway', 'apps/gateway/src/main.ts', {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: db.url,
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    PCK_LOGIN: String(options.pck.login),
    PCK_PASSWORD: options.pck.password,
    SECRETS_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const close = async () => {
    await app.stop();
    await db.drop();
  };
  try {
    const line = await app.waitForLine((l) => options.listening.test(l), 120_000);
    return { app, port: Number(options.listening.exec(line)?.[1]), db, close };
  } catch (error) {
    await close();
    throw error;
  }
}
