import { isIP } from 'node:net';
import { ConfigError, ConfigErrorCode } from './config.exception';
import { shopUrlProblem, shopUrlPolicyFromEnv } from './shop-url-policy';

/** Express's `trust proxy`: which hops may set X-Forwarded-For (the address the password throttle counts). */
export type TrustProxy = boolean | number | string[];

/** Gateway configuration, all from the environment (see the README's configuration reference). */
export interface GatewayConfig {
  /** NODE_ENV=production: the production guards apply (see loadGatewayConfig). */
  production: boolean;
  /** Which proxies are trusted for the client address (default: loopback only). */
  trustProxy: TrustProxy;
  port: number;
  host: string;
  /** Path PCK posts to; `?wsdl` on it serves the WSDL. */
  soapPath: string;
  /** Public URL written into the WSDL's soap:address; default: derived from the request's Host. */
  publicUrl?: string;
  databaseUrl?: string;
  /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is unset. */
  dataDir: string;
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
  /** Time box of the optional shop poll inside getOrders (0 = off). */
  getOrdersPollMs: number;
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

function intFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(ConfigErrorCode.NotAWholeNumber, `${name}="${raw}"`);
  return value;
}

function optional(name: string): string | undefined {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : v;
}

// Keep in step with tools/nop-sim (DEFAULT_ADMIN_EMAIL / DEFAULT_ADMIN_PASSWORD): the launcher starts the
// simulator without shop credentials, so the default tenant logs in as the simulator's admin.
const SIM_ADMIN_EMAIL = 'admin@nop-sim.local';
const SIM_ADMIN_PASSWORD = 'admin';

const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** GATEWAY_TRUST_PROXY: true | false | hops | comma-separated addresses, subnets or Express's names. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || raw.trim() === '') return ['loopback'];
  const v = raw.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const parts = v.split(',').map((p) => p.trim()).filter((p) => p !== '');
  for (const p of parts) {
    const [address, bits, extra] = p.split('/');
    const okAddress = NAMED_SUBNETS.has(p) || (isIP(address ?? '') !== 0 && extra === undefined && (bits === undefined || /^\d{1,3}$/.test(bits)));
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
  if (!optional('SECRETS_KEY')) throw new ConfigError(ConfigErrorCode.SecretsKeyMissing);
  if (config.adminToken !== undefined && config.adminToken.length < 32) {
    throw new ConfigError(ConfigErrorCode.AdminTokenTooShort, `it has ${config.adminToken.length}`);
  }
  const shopUrl = config.defaultTenant.shopUrl;
  if (shopUrl !== undefined) {
    const problem = shopUrlProblem(shopUrl, shopUrlPolicyFromEnv());
    if (problem) throw new ConfigError(ConfigErrorCode.InsecureShopUrl, `NOP_BASE_URL=${shopUrl}`);
  }
}

export function loadGatewayConfig(): GatewayConfig {
  const usesSim = process.env.NOP_USES_SIMULATOR === '1';
  const login = optional('PCK_LOGIN');
  const config: GatewayConfig = {
    production: process.env.NODE_ENV === 'production',
    trustProxy: parseTrustProxy(process.env.GATEWAY_TRUST_PROXY),
    port: intFrom('GATEWAY_PORT', 8080),
    host: process.env.GATEWAY_HOST ?? '0.0.0.0',
    soapPath: process.env.GATEWAY_SOAP_PATH ?? '/WebshopWS',
    publicUrl: optional('GATEWAY_PUBLIC_URL'),
    databaseUrl: optional('DATABASE_URL'),
    dataDir: process.env.DATA_DIR ?? '.data/pg',
    adminToken: optional('ADMIN_TOKEN'),
    maxBodyBytes: intFrom('GATEWAY_MAX_BODY_BYTES', 32 * 1024 * 1024),
    maxCompressionRatio: Math.max(1, intFrom('GATEWAY_MAX_COMPRESSION_RATIO', 50)),
    maxInFlightRequests: Math.max(1, intFrom('GATEWAY_MAX_INFLIGHT_REQUESTS', 256)),
    maxInFlightBytes: intFrom('GATEWAY_MAX_INFLIGHT_BYTES', 128 * 1024 * 1024),
    maxImageBytes: intFrom('GATEWAY_MAX_IMAGE_BYTES', 5 * 1024 * 1024),
    workers: Math.max(1, intFrom('GATEWAY_WORKERS', 1)),
    requestDeadlineMs: intFrom('GATEWAY_REQUEST_DEADLINE_MS', 8000),
    shopDeadlineMs: intFrom('GATEWAY_SHOP_DEADLINE_MS', 45_000),
    authCacheTtlMs: intFrom('GATEWAY_AUTH_CACHE_TTL_MS', 60_000),
    getOrdersPollMs: intFrom('GATEWAY_GETORDERS_POLL_MS', 0),
    defaultTenant: {
      pckLogin: login === undefined ? undefined : intFrom('PCK_LOGIN', 0),
      pckPassword: optional('PCK_PASSWORD'),
      shopUrl: optional('NOP_BASE_URL'),
      shopEmail: optional('NOP_EMAIL') ?? optional('NOP_SIM_ADMIN_EMAIL') ?? (usesSim ? SIM_ADMIN_EMAIL : undefined),
      shopPassword: optional('NOP_PASSWORD') ?? optional('NOP_SIM_ADMIN_PASSWORD') ?? (usesSim ? SIM_ADMIN_PASSWORD : undefined),
    },
  };
  checkProduction(config);
  return config;
}
