import pino from 'pino';
import { createTestStore } from '@pcknop/staging-store/testing';
import { ensureDefaultTenant, ensureSecretsKey } from '../src/lib/default-tenant';
import { ConfigError } from '../src/lib/config.exception';
import { ADMIN_TOKEN, startGateway, type RunningGateway } from './support';

jest.setTimeout(60_000);

/** Runs `fn` as NODE_ENV=production (jest runs as `test`), restoring the environment after. */
async function inProduction<T>(fn: () => Promise<T>, extra: Record<string, string> = {}): Promise<T> {
  const saved = {
    NODE_ENV: process.env.NODE_ENV,
    ...Object.fromEntries(Object.keys(extra).map((k) => [k, process.env[k]])),
  };
  Object.assign(process.env, { NODE_ENV: 'production', ...extra });
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** What is written to stdout from now on, kept instead of printed (`write.mockRestore()` ends it). */
function captureStdout(): { written: string[]; write: jest.SpyInstance } {
  const written: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  return { written, write };
}

describe('production guards against the running gateway', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  const createTenant = (pckLogin: number, shopUrl: string) =>
    fetch(`${gw.url}/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `T${pckLogin}`, pckLogin, pckPassword: 'passord-lang-nok', shopUrl }),
    });
  const patchShopUrl = (shopUrl: string) =>
    fetch(`${gw.url}/admin/tenants/${gw.tenantId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ shopUrl }),
    });

  it('the admin API takes only https shop URLs in production, and says why', async () => {
    await inProduction(async () => {
      const refused = await createTenant(9001, 'http://shop.example.no');
      expect(refused.status).toBe(400);
      // problem+json: the field and why.
      expect(((await refused.json()) as { errors: { pointer: string; detail: string }[] }).errors).toEqual([
        { pointer: '/shopUrl', detail: expect.stringMatching(/https.*GATEWAY_ALLOW_HTTP_SHOP_URLS/) },
      ]);
      const patched = await patchShopUrl('http://shop.example.no');
      expect(patched.status).toBe(400);
      expect(((await patched.json()) as { errors: { pointer: string }[] }).errors).toEqual([
        expect.objectContaining({ pointer: '/shopUrl' }),
      ]);
      expect((await createTenant(9002, 'https://shop.example.no')).status).toBe(201);
    });
    expect((await gw.db.repos.tenants.list()).map((t) => t.pckLogin).sort()).toEqual([4711, 9002]);
    expect((await gw.db.repos.tenants.get(gw.tenantId))?.shopUrl).toBeNull();
  });

  it('allowed with GATEWAY_ALLOW_HTTP_SHOP_URLS=1, and outside production', async () => {
    await inProduction(async () => expect((await createTenant(9003, 'http://shop.lan')).status).toBe(201), {
      GATEWAY_ALLOW_HTTP_SHOP_URLS: '1',
    });
    expect((await createTenant(9004, 'http://127.0.0.1:5081')).status).toBe(201);
  });
});

describe('production start-up', () => {
  it('ensureSecretsKey refuses to invent a key in production', async () => {
    expect(() =>
      ensureSecretsKey({ production: true, secretsKeyFile: '/nonexistent/secrets.key' }, pino({ level: 'silent' })),
    ).toThrow(ConfigError);
  });

  it('never generates (and so never prints) a PCK password in production; a given one is used', async () => {
    const db = await createTestStore();
    const { written, write } = captureStdout();
    try {
      const silent = pino({ level: 'silent' });
      expect(
        await ensureDefaultTenant(db.store, db.repos, { production: true, defaultTenant: { pckLogin: 5555 } }, silent),
      ).toBeUndefined();
      expect(await db.repos.tenants.list()).toHaveLength(0);
      const made = await ensureDefaultTenant(
        db.store,
        db.repos,
        { production: true, defaultTenant: { pckLogin: 5555, pckPassword: 'gitt-passord-123' } },
        silent,
      );
      expect(made?.created).toBe(true);
      expect(made?.generatedPassword).toBeUndefined();
      expect(written.join('')).not.toMatch(/password:/);
    } finally {
      write.mockRestore();
      await db.close();
    }
  });

  it('outside production a generated password is shown once (the developer types it into PCK)', async () => {
    const db = await createTestStore();
    const { written, write } = captureStdout();
    try {
      const made = await ensureDefaultTenant(
        db.store,
        db.repos,
        { defaultTenant: { pckLogin: 5556 } },
        pino({ level: 'silent' }),
      );
      expect(made?.generatedPassword).toBeDefined();
      expect(written.join('')).toContain(made?.generatedPassword ?? '-');
    } finally {
      write.mockRestore();
      await db.close();
    }
  });
});
