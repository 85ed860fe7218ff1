import { loadEnv } from '@pcknop/runtime-config';
import { ConfigError, ConfigErrorCode } from './config.exception';

/** Which shop URLs the gateway accepts (admin API, NOP_BASE_URL). */
export interface ShopUrlPolicy {
  /** http:// allowed too; default: outside production only. */
  allowHttp: boolean;
}

/**
 * The policy of this process: https only when NODE_ENV=production, unless GATEWAY_ALLOW_HTTP_SHOP_URLS=1 (through
 * the shared parser). The admin API asks at each use rather than holding the start-up configuration.
 */
export function shopUrlPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): ShopUrlPolicy {
  const e = loadEnv(env);
  return { allowHttp: e.string('NODE_ENV') !== 'production' || e.boolean('GATEWAY_ALLOW_HTTP_SHOP_URLS') };
}

/**
 * Why `url` may not be a shop URL under `policy`, or undefined when it may. Shop credentials and PCK's orders travel
 * over this connection, so production insists on TLS unless the operator allowed plain http.
 */
export function shopUrlProblem(url: string, policy: ShopUrlPolicy = shopUrlPolicyFromEnv()): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'shopUrl must be an http(s) URL';
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol !== 'http:') return 'shopUrl must be an http(s) URL';
  return policy.allowHttp ? undefined : new ConfigError(ConfigErrorCode.InsecureShopUrl).message;
}
