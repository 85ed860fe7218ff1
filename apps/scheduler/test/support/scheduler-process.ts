import { startApp, type AppProcess } from '@pcknop/launcher/testing';

/**
 * The scheduler app in a process of its own (main.ts through tsx, as `npm start` runs it) over `databaseUrl`:
 * batches go at once, order polls never run, and `env` (then the test's environment) sets the rest.
 */
export function startSchedulerProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): AppProcess {
  return startApp(
    'scheduler',
    'apps/scheduler/src/main.ts',
    {
      ...process.env,
      DATABASE_URL: databaseUrl,
      BATCH_MAX_DELAY_MS: '0',
      BATCH_QUIET_MS: '0',
      LOG_LEVEL: 'warn',
      ORDER_POLL_CRON: '0 0 0 1 1 *',
      ...env,
    },
    nodeArgs,
  );
}

/** Kills it outright, as a crash would (no shutdown), and waits until it is gone. */
export async function crash(p: AppProcess): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGKILL');
  await exited;
}
