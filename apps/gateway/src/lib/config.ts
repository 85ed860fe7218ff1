import { isIP } from 'node:net';
import { loadEnv, storeSettings, type StoreSettings } from '@pcknop/runtime-config';
import { ConfigError, ConfigErrorCode } from './config.exception';
import { shopUrlPolicyFromEnv, shopUrlProblem, type ShopUrlPolicy } from './shop-url-policy';

/** Express's `trust proxy`: which hops may set X-Forwarded-For (the address the password throttle counts). */
export type TrustProxy = boolean | number | string[];

/** Gateway configuration, all from the environment (see the README's configuration reference). */
export interface GatewayConfig {
  /** NODE_ENV=production: the production guards apply (see loadGatewayConfig). */
  production: boolean;
  logLevel: string;
  /** DATABASE_URL, DATA_DIR, MIGRATE_ON_START, MIGRATIONS_DIR. */
  store: StoreSettings;
  /** SECRETS_KEY as set (the development key is read or made from `secretsKeyFile` when unset, see default-tenant). */
  secretsKey?: string;
  secretsKeyFile: string;
  /** Which shop URLs are accepted (https only in production unless GATEWAY_ALLOW_HTTP_SHOP_URLS). */
  shopUrlPolicy: ShopUrlPolicy;
  /** Largest TwinXML document from another source. */
  twinxmlMaxBytes: number;
  /** Folder of the built web console (CONSOLE_DIR); unset: beside the bundle, else built from the source. */
  consoleDir?: string;
  /** Which proxies are trusted for the client address (default: loopback only). */
  trustProxy: TrustProxy;
  port: number;
  host: string;
  /** Path PCK posts to; `?wsdl` on it serves the WSDL. */
  soapPath: string;
  /** Public URL written into the WSDL's soap:address; default: derived from the request's Host. */
  publicUrl?: string;
  /** Bearer token of the admin API; unset = admin API off. */
  adminToken?: string;
  /** Largest accepted SOAP body (bytes). */
  maxBodyBytes: number;
  /** Largest inflated/compressed ratio of a compressed SOAP body. */
  maxCompressionRatio: number;
  /** Requests read or parsed at once before refusing with 503. */
  maxInFlightRequests: number;
  /** Body bytes (as large as they may grow) held at once before refusing with 503. */
  maxInFlightBytes: number;
  /** Largest image (decoded bytes) sendImage/sendImageColor may stage; larger ones get operationResult 1. */
  maxImageBytes: number;
  /** Deadline of a catalogue/order call that only touches the database. */
  requestDeadlineMs: number;
  /** Deadline of a call that talks to the shop synchronously (delivery, credit). */
  shopDeadlineMs: number;
  /** How long a successful password check is remembered per tenant. */
  authCacheTtlMs: number;
  /** Processes serving the port (node:cluster); 1 (default) = this process serves it alone. */
  workers?: number;
  /** Default tenant, created on first start when there is none. */
  defaultTenant: {
    pckLogin?: number;
    pckPassword?: string;
    shopUrl?: string;
    shopEmail?: string;
    shopPassword?: string;
  };
}

const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** GATEWAY_TRUST_PROXY: true | false | hops | comma-separated addresses, subnets or Express's names. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || raw.trim() === '') return ['loopback'];
  const v = raw.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const parts = v
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  for (const p of parts) {
    const [address, bits, extra] = p.split('/');
    const okAddress =
      NAMED_SUBNETS.has(p) ||
      (isIP(address ?? '') !== 0 && extra === undefined && (bits === undefined || /^\d{1,3}$/.test(bits)));
    if (!okAddress) throw new ConfigError(ConfigErrorCode.InvalidTrustProxy, `"${p}"`);
  }
  if (parts.length === 0) throw new ConfigError(ConfigErrorCode.InvalidTrustProxy, `"${raw}"`);
  return parts;
}

/**
 * The production guards (NODE_ENV=production): no start without SECRETS_KEY, an admin token short enough to guess,
 * or a default shop over plain http (unless allowed). Outside production these are the developer's choice.
 */
function checkProduction(config: GatewayConfig): void {
  if (!config.production) return;
  if (!config.secretsKey) throw new ConfigError(ConfigErrorCode.SecretsKeyMissing);
  if (config.adminToken !== undefined && config.adminToken.length < 32) {
    throw new ConfigError(ConfigErrorCode.AdminTokenTooShort, `it has ${config.adminToken.length}`);
  }
  const shopUrl = config.defaultTenant.shopUrl;
  if (shopUrl !== undefined) {
    const problem = shopUrlProblem(shopUrl, config.shopUrlPolicy);
    if (problem) throw new ConfigError(ConfigErrorCode.InsecureShopUrl, `NOP_BASE_URL=${shopUrl}`);
  }
}

/**
 * The gateway's configuration from `env`, parsed by the one schema both apps share (@pcknop/runtime-config: a typo
 * or an invalid value stops the start naming the variable), then the gateway's own checks (GATEWAY_TRUST_PROXY,
 * the production guards).
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const e = loadEnv(env);
  const num = (name: Parameters<typeof e.number>[0]): number => e.number(name) ?? 0;
  const usesSim = e.boolean('NOP_USES_SIMULATOR');
  const production = e.string('NODE_ENV') === 'production';
  const config: GatewayConfig = {
    production,
    logLevel: e.string('LOG_LEVEL') ?? 'info',
    store: storeSettings(e),
    secretsKey: e.string('SECRETS_KEY'),
    secretsKeyFile: e.string('SECRETS_KEY_FILE') ?? '.data/secrets.key',
    shopUrlPolicy: shopUrlPolicyFromEnv(env),
    twinxmlMaxBytes: num('TWINXML_MAX_BYTES'),
    consoleDir: e.string('CONSOLE_DIR'),
    trustProxy: parseTrustProxy(e.string('GATEWAY_TRUST_PROXY')),
    port: num('GATEWAY_PORT'),
    host: e.string('GATEWAY_HOST') ?? '0.0.0.0',
    soapPath: e.string('GATEWAY_SOAP_PATH') ?? '/WebshopWS',
    publicUrl: e.string('GATEWAY_PUBLIC_URL'),
    adminToken: e.string('ADMIN_TOKEN'),
    maxBodyBytes: num('GATEWAY_MAX_BODY_BYTES'),
    maxCompressionRatio: Math.max(1, num('GATEWAY_MAX_COMPRESSION_RATIO')),
    maxInFlightRequests: Math.max(1, num('GATEWAY_MAX_INFLIGHT_REQUESTS')),
    maxInFlightBytes: num('GATEWAY_MAX_INFLIGHT_BYTES'),
    maxImageBytes: num('GATEWAY_MAX_IMAGE_BYTES'),
    workers: Math.max(1, num('GATEWAY_WORKERS')),
    requestDeadlineMs: num('GATEWAY_REQUEST_DEADLINE_MS'),
    shopDeadlineMs: num('GATEWAY_SHOP_DEADLINE_MS'),
    authCacheTtlMs: num('GATEWAY_AUTH_CACHE_TTL_MS'),
    defaultTenant: {
      pckLogin: e.number('PCK_LOGIN'),
      pckPassword: e.string('PCK_PASSWORD'),
      shopUrl: e.string('NOP_BASE_URL'),
      shopEmail:
        e.string('NOP_EMAIL') ??
        (e.isSet('NOP_SIM_ADMIN_EMAIL') || usesSim ? e.string('NOP_SIM_ADMIN_EMAIL') : undefined),
      shopPassword:
        e.string('NOP_PASSWORD') ??
        (e.isSet('NOP_SIM_ADMIN_PASSWORD') || usesSim ? e.string('NOP_SIM_ADMIN_PASSWORD') : undefined),
    },
  };
  checkProduction(config);
  return config;
}
