import { loadGatewayConfig, parseTrustProxy } from './config';
import { ConfigError, ConfigErrorCode } from './config.exception';
import { shopUrlPolicyFromEnv, shopUrlProblem } from './shop-url-policy';

const KEYS = [
  'NODE_ENV',
  'SECRETS_KEY',
  'ADMIN_TOKEN',
  'NOP_BASE_URL',
  'GATEWAY_ALLOW_HTTP_SHOP_URLS',
  'GATEWAY_TRUST_PROXY',
] as const;
const LONG_TOKEN = 'x'.repeat(32);
const KEY = Buffer.alloc(32, 7).toString('base64');

/** Runs `fn` with exactly these of KEYS set (the rest unset), restoring the environment after. */
function withEnv<T>(env: Partial<Record<(typeof KEYS)[number], string>>, fn: () => T): T {
  const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  Object.assign(process.env, env);
  try {
    return fn();
  } finally {
    for (const k of KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('production guards (NODE_ENV=production)', () => {
  it('refuses to start without SECRETS_KEY; starts with it', () => {
    expect(configError(() => withEnv({ NODE_ENV: 'production' }, loadGatewayConfig)).code).toBe(
      ConfigErrorCode.SecretsKeyMissing,
    );
    expect(withEnv({ NODE_ENV: 'production', SECRETS_KEY: KEY }, loadGatewayConfig).production).toBe(true);
  });

  it('refuses an ADMIN_TOKEN shorter than 32 characters, and says what to set', () => {
    const e = configError(() =>
      withEnv({ NODE_ENV: 'production', SECRETS_KEY: KEY, ADMIN_TOKEN: 'x'.repeat(31) }, loadGatewayConfig),
    );
    expect(e.code).toBe(ConfigErrorCode.AdminTokenTooShort);
    expect(e.message).toMatch(/at least 32 characters/);
    expect(e.message).not.toContain('x'.repeat(31));
    expect(
      withEnv({ NODE_ENV: 'production', SECRETS_KEY: KEY, ADMIN_TOKEN: LONG_TOKEN }, loadGatewayConfig).adminToken,
    ).toBe(LONG_TOKEN);
  });

  it('refuses an http NOP_BASE_URL unless GATEWAY_ALLOW_HTTP_SHOP_URLS=1', () => {
    const env = { NODE_ENV: 'production', SECRETS_KEY: KEY, NOP_BASE_URL: 'http://shop.example.no' };
    expect(configError(() => withEnv(env, loadGatewayConfig)).code).toBe(ConfigErrorCode.InsecureShopUrl);
    expect(withEnv({ ...env, GATEWAY_ALLOW_HTTP_SHOP_URLS: '1' }, loadGatewayConfig).defaultTenant.shopUrl).toBe(
      'http://shop.example.no',
    );
    expect(withEnv({ ...env, NOP_BASE_URL: 'https://shop.example.no' }, loadGatewayConfig).defaultTenant.shopUrl).toBe(
      'https://shop.example.no',
    );
  });

  it('outside production none of these stop the start (a developer machine)', () => {
    const c = withEnv({ ADMIN_TOKEN: 'short', NOP_BASE_URL: 'http://127.0.0.1:5081' }, loadGatewayConfig);
    expect(c.production).toBe(false);
    expect(c.adminToken).toBe('short');
  });
});

describe('shop URL policy', () => {
  it('https always; http only when allowed; other schemes and non-URLs never', () => {
    expect(shopUrlProblem('https://shop.no', { allowHttp: false })).toBeUndefined();
    expect(shopUrlProblem('http://shop.no', { allowHttp: false })).toMatch(/https/);
    expect(shopUrlProblem('http://shop.no', { allowHttp: true })).toBeUndefined();
    expect(shopUrlProblem('ftp://shop.no', { allowHttp: true })).toMatch(/http\(s\) URL/);
    expect(shopUrlProblem('not a url', { allowHttp: true })).toMatch(/http\(s\) URL/);
  });

  it('the environment decides: production is https-only unless allowed', () => {
    expect(shopUrlPolicyFromEnv({ NODE_ENV: 'production' })).toEqual({ allowHttp: false });
    expect(shopUrlPolicyFromEnv({ NODE_ENV: 'production', GATEWAY_ALLOW_HTTP_SHOP_URLS: '1' })).toEqual({
      allowHttp: true,
    });
    expect(shopUrlPolicyFromEnv({ NODE_ENV: 'development' })).toEqual({ allowHttp: true });
  });
});

describe('GATEWAY_TRUST_PROXY', () => {
  it.each([
    [undefined, ['loopback']],
    ['false', false],
    ['true', true],
    ['2', 2],
    ['10.0.0.0/8, loopback', ['10.0.0.0/8', 'loopback']],
    ['::1', ['::1']],
  ])('%s → %p', (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual(expected);
  });

  it.each(['yes please', '10.0.0.0/8/1', 'example.com'])('refuses %s with a message', (raw) => {
    expect(configError(() => parseTrustProxy(raw)).code).toBe(ConfigErrorCode.InvalidTrustProxy);
  });

  it('is read from the environment', () => {
    expect(withEnv({ GATEWAY_TRUST_PROXY: 'false' }, loadGatewayConfig).trustProxy).toBe(false);
  });
});
