import { PcknopError } from '@pcknop/errors';

/**
 * Why the gateway refuses to start beyond what the shared environment schema checks (@pcknop/runtime-config);
 * each code has a message saying what to set.
 */
export enum ConfigErrorCode {
  SecretsKeyMissing = 'SECRETS_KEY_MISSING',
  AdminTokenTooShort = 'ADMIN_TOKEN_TOO_SHORT',
  InsecureShopUrl = 'INSECURE_SHOP_URL',
  InvalidTrustProxy = 'INVALID_TRUST_PROXY',
}

export function configErrorMessage(code: ConfigErrorCode): string {
  switch (code) {
    case ConfigErrorCode.SecretsKeyMissing:
      return 'SECRETS_KEY is required when NODE_ENV=production (32 random bytes in base64, e.g. `openssl rand -base64 32`); the same key on every gateway and scheduler.';
    case ConfigErrorCode.AdminTokenTooShort:
      return 'ADMIN_TOKEN must have at least 32 characters when NODE_ENV=production (e.g. `openssl rand -base64 32`), or be unset to turn the admin API off.';
    case ConfigErrorCode.InsecureShopUrl:
      return 'Shop URLs must use https when NODE_ENV=production; set GATEWAY_ALLOW_HTTP_SHOP_URLS=1 to allow http (e.g. a shop on the same private network).';
    case ConfigErrorCode.InvalidTrustProxy:
      return 'GATEWAY_TRUST_PROXY must be true, false, a number of proxy hops, or a comma-separated list of addresses/subnets (loopback, linklocal, uniquelocal, 10.0.0.0/8, …).';
  }
}

/** The one error type of the configuration: the message says what to set; `detail` names the value at fault. */
export class ConfigError extends PcknopError<ConfigErrorCode> {
  override readonly name = 'ConfigError';

  constructor(code: ConfigErrorCode, detail?: string) {
    super(code, detail ? `${configErrorMessage(code)} (${detail})` : configErrorMessage(code), { detail });
  }
}
