import type { SchemaObject } from 'ajv';

/** Which programs read a variable (the README's "used by" column). */
export type EnvUser = 'gateway' | 'scheduler' | 'launcher' | 'cli' | 'demo' | 'nop-sim' | 'deploy' | 'tests';

/** One environment variable: its JSON Schema (values arrive as strings and are coerced) and who reads it. */
export interface EnvVarSpec {
  schema: SchemaObject;
  users: readonly EnvUser[];
}

const wholeNumber = (def: number, minimum = 0): SchemaObject => ({ type: 'integer', minimum, default: def });
// No default: the setting's owner library holds it as an exported constant (e.g. DEFAULT_MAX_ATTEMPTS).
const number = (def?: number): SchemaObject =>
  def === undefined ? { type: 'number', minimum: 0 } : { type: 'number', minimum: 0, default: def };
const text = (def?: string): SchemaObject =>
  def === undefined ? { type: 'string', minLength: 1 } : { type: 'string', minLength: 1, default: def };
const flag = (def: boolean): SchemaObject => ({ type: 'boolean', default: def });
// node-cron's six-field form (seconds first) or the classic five fields; node-cron checks the fields themselves.
export const CRON_PATTERN = '^\\S+( \\S+){4,5}$';
export const URL_PATTERN = '^[a-zA-Z][a-zA-Z0-9+.-]*://';
const cron = (def: string): SchemaObject => ({ type: 'string', pattern: CRON_PATTERN, default: def });
const url = (): SchemaObject => ({ type: 'string', pattern: URL_PATTERN });

const G: readonly EnvUser[] = ['gateway'];
const S: readonly EnvUser[] = ['scheduler'];
const GS: readonly EnvUser[] = ['gateway', 'scheduler'];

/**
 * Every environment variable of the project, the one list both apps parse (and the README documents). A name with
 * a project prefix (ENV_PREFIXES) that is not here is a typo: the apps refuse to start and name the closest one.
 */
export const ENV_VARS = {
  // Both apps: database, secrets, logs, migrations.
  DATABASE_URL: { schema: url(), users: ['gateway', 'scheduler', 'launcher', 'deploy', 'tests'] },
  DATA_DIR: { schema: text('.data/pg'), users: ['gateway', 'scheduler', 'launcher'] },
  // 32 bytes in base64; the length is checked after decoding (see loadEnv).
  SECRETS_KEY: { schema: text(), users: ['gateway', 'scheduler', 'demo'] },
  SECRETS_KEY_FILE: { schema: text('.data/secrets.key'), users: ['gateway', 'demo'] },
  LOG_LEVEL: {
    schema: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    users: GS,
  },
  MIGRATIONS_DIR: { schema: text(), users: GS },
  MIGRATE_ON_START: { schema: flag(true), users: GS },
  NODE_ENV: { schema: { type: 'string' }, users: GS },
  // Gateway.
  GATEWAY_PORT: { schema: wholeNumber(8080), users: G },
  GATEWAY_HOST: { schema: text('0.0.0.0'), users: G },
  GATEWAY_SOAP_PATH: { schema: { type: 'string', pattern: '^/', default: '/WebshopWS' }, users: G },
  GATEWAY_PUBLIC_URL: { schema: url(), users: G },
  GATEWAY_MAX_BODY_BYTES: { schema: wholeNumber(32 * 1024 * 1024), users: G },
  GATEWAY_MAX_COMPRESSION_RATIO: { schema: wholeNumber(50), users: G },
  GATEWAY_MAX_INFLIGHT_REQUESTS: { schema: wholeNumber(256), users: G },
  GATEWAY_MAX_INFLIGHT_BYTES: { schema: wholeNumber(128 * 1024 * 1024), users: G },
  GATEWAY_MAX_IMAGE_BYTES: { schema: wholeNumber(5 * 1024 * 1024), users: G },
  GATEWAY_REQUEST_DEADLINE_MS: { schema: wholeNumber(8000), users: G },
  GATEWAY_SHOP_DEADLINE_MS: { schema: wholeNumber(45_000), users: G },
  GATEWAY_AUTH_CACHE_TTL_MS: { schema: wholeNumber(60_000), users: G },
  GATEWAY_WORKERS: { schema: wholeNumber(1), users: G },
  GATEWAY_TRUST_PROXY: { schema: text(), users: G },
  GATEWAY_ALLOW_HTTP_SHOP_URLS: { schema: flag(false), users: G },
  CONSOLE_DIR: { schema: text(), users: G },
  TWINXML_MAX_BYTES: { schema: wholeNumber(1024 * 1024 * 1024, 1), users: G },
  ADMIN_TOKEN: { schema: text(), users: ['gateway', 'launcher', 'cli', 'demo'] },
  // The default tenant (gateway, on first start).
  PCK_LOGIN: { schema: { type: 'integer', minimum: 1 }, users: ['gateway', 'launcher', 'demo'] },
  PCK_PASSWORD: { schema: text(), users: ['gateway', 'launcher', 'demo'] },
  NOP_BASE_URL: { schema: url(), users: ['gateway', 'launcher', 'demo'] },
  NOP_EMAIL: { schema: text(), users: G },
  NOP_PASSWORD: { schema: text(), users: G },
  NOP_USES_SIMULATOR: { schema: flag(false), users: ['launcher', 'gateway'] },
  // Scheduler.
  BATCH_MAX_DELAY_MS: { schema: number(5000), users: S },
  BATCH_MAX_SIZE: { schema: number(500), users: S },
  BATCH_QUIET_MS: { schema: number(1000), users: S },
  BATCH_MAX_BYTES: { schema: number(16 * 1024 * 1024), users: S },
  BATCH_EDIT_LANE_MAX: { schema: number(50), users: S },
  LEASE_MS: { schema: number(120_000), users: S },
  MAX_ATTEMPTS: { schema: number(), users: S },
  RETRY_BASE_MS: { schema: number(1000), users: S },
  RETRY_CAP_MS: { schema: number(600_000), users: S },
  FLUSH_TENANT_CONCURRENCY: { schema: number(), users: S },
  SHOP_CONCURRENCY: { schema: number(), users: S },
  RECORD_CONCURRENCY: { schema: number(), users: S },
  FLUSH_CRON: { schema: cron('* * * * * *'), users: S },
  ORDER_POLL_CRON: { schema: cron('*/30 * * * * *'), users: S },
  ORDER_POLL_OVERLAP_MS: { schema: number(10 * 60_000), users: S },
  ORDER_POLL_LOOKBACK_MS: { schema: number(7 * 24 * 3600_000), users: S },
  RETRY_SWEEP_CRON: { schema: cron('*/15 * * * * *'), users: S },
  RECONCILE_CRON: { schema: cron('0 17 3 * * *'), users: S },
  RECONCILE_REPAIR: { schema: flag(false), users: S },
  RETENTION_CRON: { schema: cron('0 43 2 * * *'), users: S },
  CALL_LOG_RETENTION_DAYS: { schema: number(30), users: S },
  BATCH_RETENTION_DAYS: { schema: number(14), users: S },
  STOP_GRACE_MS: { schema: number(8000), users: S },
  TENANT_REFRESH_MS: { schema: number(30_000), users: S },
  ORDER_TRIGGER_CRON: { schema: cron('* * * * * *'), users: S },
  ORDER_TRIGGER_MIN_INTERVAL_MS: { schema: number(3000), users: S },
  ORDER_TRIGGER_TIMEOUT_MS: { schema: number(5000), users: S },
  ORDER_TRIGGER_MAX_ATTEMPTS: { schema: number(6), users: S },
  ORDER_TRIGGER_RETRY_BASE_MS: { schema: number(2000), users: S },
  ORDER_TRIGGER_RETRY_CAP_MS: { schema: number(60_000), users: S },
  SHOP_PAUSE_BASE_MS: { schema: number(2000), users: S },
  SHOP_PAUSE_CAP_MS: { schema: number(300_000), users: S },
  SHOP_PROBE_MS: { schema: number(15_000), users: S },
  SCHEDULER_PORT: { schema: number(8081), users: S },
  SCHEDULER_HOST: { schema: text('0.0.0.0'), users: S },
  // Read by the tools around the apps; known here so a shared environment (compose's .env, the launcher's) passes.
  SCHEDULER_HEAP_MB: { schema: wholeNumber(128, 16), users: ['launcher'] },
  GATEWAY_URL: { schema: url(), users: ['demo'] },
  ADMIN_URL: { schema: url(), users: ['cli', 'demo'] },
  DEV_CREDENTIALS_FILE: { schema: text('.data/dev-credentials.json'), users: ['launcher', 'cli', 'demo'] },
  PCKNOP_SHOP_PASSWORD: { schema: text(), users: ['cli'] },
  GATEWAY_BIND: { schema: text(), users: ['deploy'] },
  GATEWAY_REPLICAS: { schema: wholeNumber(2, 1), users: ['deploy'] },
  SCHEDULER_REPLICAS: { schema: wholeNumber(2, 1), users: ['deploy'] },
  NOP_SIM_PORT: { schema: wholeNumber(5081), users: ['launcher', 'nop-sim'] },
  NOP_SIM_HOST: { schema: text('127.0.0.1'), users: ['nop-sim'] },
  NOP_SIM_VERSION: { schema: text('4.70'), users: ['nop-sim'] },
  NOP_SIM_SEED: { schema: { type: 'integer' }, users: ['nop-sim'] },
  NOP_SIM_SNAPSHOT: { schema: text(), users: ['nop-sim'] },
  NOP_SIM_LOG_LEVEL: { schema: text('info'), users: ['nop-sim'] },
  // Keep in step with tools/nop-sim (DEFAULT_ADMIN_EMAIL / DEFAULT_ADMIN_PASSWORD): the launcher starts the
  // simulator without shop credentials, so the gateway's default tenant logs in as the simulator's admin.
  NOP_SIM_ADMIN_EMAIL: { schema: text('admin@nop-sim.local'), users: ['nop-sim', 'gateway'] },
  NOP_SIM_ADMIN_PASSWORD: { schema: text('admin'), users: ['nop-sim', 'gateway'] },
  PCK_ZEEP_PYTHON: { schema: text('/usr/bin/python3'), users: ['tests'] },
} as const satisfies Record<string, EnvVarSpec>;

/** A variable the project knows. */
export type EnvName = keyof typeof ENV_VARS;

/** Prefixes that mark a variable as the project's: an unknown name with one of them is a typo. */
export const ENV_PREFIXES: readonly string[] = [
  'GATEWAY_',
  'SCHEDULER_',
  'PCKNOP_',
  'PCK_',
  'NOP_',
  'BATCH_',
  'ORDER_',
  'RECONCILE_',
  'RETRY_',
  'FLUSH_',
  'SHOP_PAUSE_',
  'TWINXML_',
  'SECRETS_',
  'MIGRATE',
  'MIGRATIONS_',
];

/** The JSON Schema (2020-12) of the whole environment, as the parser checks it. */
export const ENV_SCHEMA: SchemaObject = {
  type: 'object',
  properties: Object.fromEntries(
    Object.entries(ENV_VARS as Record<string, EnvVarSpec>).map(([name, spec]) => [name, spec.schema]),
  ),
};
