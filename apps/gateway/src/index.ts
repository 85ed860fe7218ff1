// Public face of the gateway app (for tests and embedding; the process entry is main.ts).
export {
  createGateway,
  createGatewayApp,
  DEFAULT_APP_CONFIG,
  type Gateway,
  type GatewayDeps,
  type GatewayAppConfig,
} from './lib/create-app';
export { loadGatewayConfig, type GatewayConfig } from './lib/config';
export { createLogger } from './lib/logger';
export { ensureDefaultTenant, ensureSecretsKey } from './lib/default-tenant';
export { OPERATIONS } from './lib/operations/registry';
