import { DEFAULT_ADMIN_EMAIL, DEFAULT_ADMIN_PASSWORD, DEFAULT_PORT, startNopSim } from './lib/server';
import type { SimVersion } from './lib/dto-spec';

/** `npx nx serve nop-sim`: a standalone simulator configured from the environment. */
async function main(): Promise<void> {
  const version = (process.env.NOP_SIM_VERSION ?? '4.70') as SimVersion;
  if (!['4.60', '4.70', '4.80'].includes(version)) throw new Error(`NOP_SIM_VERSION must be 4.60, 4.70 or 4.80`);
  const seed = process.env.NOP_SIM_SEED ? Number(process.env.NOP_SIM_SEED) : undefined;
  const sim = await startNopSim({
    port: Number(process.env.NOP_SIM_PORT ?? DEFAULT_PORT),
    host: process.env.NOP_SIM_HOST ?? '127.0.0.1',
    adminEmail: process.env.NOP_SIM_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL,
    adminPassword: process.env.NOP_SIM_ADMIN_PASSWORD ?? DEFAULT_ADMIN_PASSWORD,
    version,
    seed,
    snapshotFile: process.env.NOP_SIM_SNAPSHOT || undefined,
    logLevel: process.env.NOP_SIM_LOG_LEVEL ?? 'info',
  });
  console.log(
    `nop-sim ${sim.version} listening on ${sim.url} (admin ${process.env.NOP_SIM_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL})`,
  );
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
