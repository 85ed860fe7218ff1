export { ENV_VARS, ENV_PREFIXES, ENV_SCHEMA, type EnvName, type EnvUser, type EnvVarSpec } from './lib/env-schema';
export { loadEnv, type RuntimeEnv } from './lib/load-env';
export { RuntimeConfigError, RuntimeConfigErrorCode, runtimeConfigErrorMessage } from './lib/runtime-config.exception';
export { storeSettings, type StoreSettings } from './lib/store-settings';
