import { startStack as startSystem, type Stack } from '@pcknop/launcher/testing';

export type { Stack };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value other than undefined/false (bounded), for conditions outside the browser. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/**
 * The system as `npm start` runs it, the scheduler started on demand (with `schedulerEnv`). Shops are set up
 * through the console, so the default tenant (fixed login, so the first start prints nothing the tests do not
 * expect) has none.
 */
export function startStack(options: { schedulerEnv?: NodeJS.ProcessEnv } = {}): Promise<Stack> {
  return startSystem({
    database: 'console_e2e',
    simSeed: 7,
    pck: { login: 1001, password: 'standard-passord' },
    env: {
      BATCH_MAX_DELAY_MS: '300',
      BATCH_QUIET_MS: '150',
      RETRY_BASE_MS: '100',
      RETRY_CAP_MS: '500',
      RETRY_SWEEP_CRON: '* * * * * *',
      TENANT_REFRESH_MS: '500',
    },
    schedulerEnv: options.schedulerEnv,
  });
}
