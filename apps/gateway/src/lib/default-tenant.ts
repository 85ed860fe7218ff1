import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError, StoreErrorCode, type Repositories, type Store, type TenantRecord } from '@pcknop/staging-store';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config';
import { ConfigError, ConfigErrorCode } from './config.exception';

/** Advisory lock key serialising "create the default tenant" across processes (gateway replicas, scheduler). */
export const DEFAULT_TENANT_LOCK_KEY = 7_423_001;

/**
 * SECRETS_KEY for development: when unset (and not in production), read or create SECRETS_KEY_FILE — created
 * exclusively, so a gateway and a scheduler starting together end up with the same key. The key is put into
 * `process.env.SECRETS_KEY`, where the staging store's sealing of shop credentials reads it.
 */
export function ensureSecretsKey(
  config: Pick<GatewayConfig, 'secretsKey' | 'secretsKeyFile' | 'production'>,
  logger: Logger,
): void {
  if (config.secretsKey) return;
  // Production never invents a key: one per process would make every other replica's secrets unreadable.
  if (config.production) throw new ConfigError(ConfigErrorCode.SecretsKeyMissing);
  const file = resolve(config.secretsKeyFile);
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
    logger.warn({ file }, 'SECRETS_KEY was unset: generated a development key (set SECRETS_KEY in production)');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  process.env.SECRETS_KEY = readFileSync(file, 'utf8').trim();
}

export interface DefaultTenantResult {
  tenant: TenantRecord;
  created: boolean;
  /** Only when generated here: shown once, never stored in clear. */
  generatedPassword?: string;
}

/**
 * On first start with no tenant, creates one from PCK_LOGIN/PCK_PASSWORD (or generated values, printed once) and
 * the shop from NOP_BASE_URL/NOP_EMAIL/NOP_PASSWORD. Serialised by an advisory lock, and a lost race on the unique
 * login is not an error: whoever came first made the tenant.
 */
export async function ensureDefaultTenant(
  store: Pick<Store, 'pool'>,
  repos: Repositories,
  config: Pick<GatewayConfig, 'defaultTenant'> & Partial<Pick<GatewayConfig, 'production'>>,
  logger: Logger,
): Promise<DefaultTenantResult | undefined> {
  // A password printed to stdout ends up in the log collector: production only uses one it was given.
  if (config.production && !config.defaultTenant.pckPassword) {
    if ((await repos.tenants.list()).length === 0) {
      logger.warn(
        'no tenant yet and PCK_PASSWORD is unset: no default tenant is made in production (set PCK_LOGIN/PCK_PASSWORD, or create one with the admin API)',
      );
    }
    return undefined;
  }
  const lock = await store.pool.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [DEFAULT_TENANT_LOCK_KEY]);
    // list() rather than count(): count() trips over the int8 → bigint type parser the store installs.
    if ((await repos.tenants.list()).length > 0) return undefined;
    const d = config.defaultTenant;
    const pckLogin = d.pckLogin ?? randomInt(100_000, 1_000_000);
    const generatedPassword = d.pckPassword ? undefined : randomBytes(18).toString('base64url');
    const pckPassword = d.pckPassword ?? generatedPassword ?? '';
    // The secrets key is there: ensureSecretsKey ran first (the credentials are sealed with it).
    const shop = d.shopUrl && d.shopEmail && d.shopPassword ? { email: d.shopEmail, password: d.shopPassword } : null;
    if (d.shopUrl && !shop)
      logger.warn('NOP_BASE_URL is set but NOP_EMAIL/NOP_PASSWORD is missing: the default tenant has no shop login');
    try {
      const tenant = await repos.tenants.create({
        name: 'Standard',
        pckLogin,
        pckPassword,
        shopUrl: d.shopUrl ?? null,
        shop,
      });
      logger.info({ tenantId: tenant.id, pckLogin, shopUrl: tenant.shopUrl }, 'default tenant created');
      if (generatedPassword) {
        // Printed once on purpose: the operator types these into PCK's webshop setup.
        process.stdout.write(
          `\n  Default tenant created. Enter in PCKasse (Webshop oppsett):\n    login:    ${pckLogin}\n    password: ${generatedPassword}\n  (shown only this once; change it with the admin API)\n\n`,
        );
      }
      return { tenant, created: true, generatedPassword };
    } catch (error) {
      if (error instanceof StoreError && error.code === StoreErrorCode.TenantLoginTaken) return undefined;
      throw error;
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [DEFAULT_TENANT_LOCK_KEY]).catch(() => undefined);
    lock.release();
  }
}
