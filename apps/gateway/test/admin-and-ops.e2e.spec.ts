import pino from 'pino';
import { createTestStore } from '@pcknop/staging-store/testing';
import { ensureDefaultTenant } from '../src/lib/default-tenant';
import { FailureThrottle } from '../src/lib/failure-throttle';
import { ADMIN_TOKEN, article, creds, LOGIN, startGateway, type RunningGateway } from './support';

// Under a loaded machine starting a gateway over a fresh database takes longer than jest's default 5 s.
jest.setTimeout(60_000);

describe('admin API, metrics, health, throttling', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway({ throttle: { freeFailures: 2, baseDelayMs: 150, maxDelayMs: 400 } });
  });
  afterAll(() => gw.close());

  const admin = (path: string, init: RequestInit = {}, token = ADMIN_TOKEN) =>
    fetch(`${gw.url}/admin${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });

  it('refuses requests without the bearer token', async () => {
    expect((await fetch(`${gw.url}/admin/tenants`)).status).toBe(401);
    expect((await admin('/tenants', {}, 'wrong')).status).toBe(401);
  });

  it('creates, lists and updates tenants; never returns secrets; validates the profile', async () => {
    const created = await admin('/tenants', {
      method: 'POST',
      body: JSON.stringify({
        name: 'Butikk 2',
        pckLogin: 5000,
        pckPassword: 'passord-5000',
        shopUrl: 'https://shop.example.no/',
        shop: { email: 'api@x.no', password: 'shop-secret' },
        options: { images: false },
      }),
    });
    expect(created.status).toBe(201);
    const { tenant: t, credentials } = (await created.json()) as {
      tenant: Record<string, unknown>;
      credentials: unknown;
    };
    expect(t).toMatchObject({
      name: 'Butikk 2',
      pckLogin: 5000,
      shopUrl: 'https://shop.example.no',
      hasShopCredentials: true,
    });
    expect(JSON.stringify(t)).not.toMatch(/shop-secret|passord-5000|Hash/);
    // The PCK credentials are shown once, beside the tenant (never the shop secret).
    expect(credentials).toEqual({ pckLogin: 5000, pckPassword: 'passord-5000' });

    expect(
      (
        await admin('/tenants', {
          method: 'POST',
          body: JSON.stringify({ name: 'Dup', pckLogin: 5000, pckPassword: 'passord-xxxx' }),
        })
      ).status,
    ).toBe(409);
    const bad = await admin('/tenants', {
      method: 'POST',
      body: JSON.stringify({
        name: 'P',
        pckLogin: 5001,
        pckPassword: 'passord-5001',
        mappingProfile: { schemaVersion: 1, variants: { mode: 'nope' } },
      }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await bad.json()) as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    expect((await admin('/tenants', { method: 'POST', body: '{not json' })).status).toBe(400);

    const list = (await (await admin('/tenants')).json()) as Array<{ pckLogin: number }>;
    expect(list.map((x) => x.pckLogin).sort()).toEqual([LOGIN, 5000]);

    const patched = await admin(`/tenants/${String(t['id'])}`, {
      method: 'PATCH',
      body: JSON.stringify({
        mappingProfile: { schemaVersion: 1, groups: { source: 'off' }, orders: { customerMode: 'customerPerOrder' } },
      }),
    });
    expect(patched.status).toBe(200);
    expect(
      (
        await admin('/tenants/00000000-0000-0000-0000-000000000000', {
          method: 'PATCH',
          body: JSON.stringify({ name: 'x' }),
        })
      ).status,
    ).toBe(404);
  });

  it('a password change through the admin API takes effect at once (cached verification forgotten)', async () => {
    expect((await gw.call('getStatus', creds)).result.operationResult).toBe(0);
    const res = await admin(`/tenants/${gw.tenantId}/pck-password`, {
      method: 'POST',
      body: JSON.stringify({ pckPassword: 'nytt-passord-1' }),
    });
    expect(res.status).toBe(200);
    expect((await gw.call('getStatus', creds)).result.operationResult).toBe(1);
    expect((await gw.call('getStatus', { login: LOGIN, password: 'nytt-passord-1' })).result.operationResult).toBe(0);
    await admin(`/tenants/${gw.tenantId}/pck-password`, {
      method: 'POST',
      body: JSON.stringify({ pckPassword: creds.password }),
    });
  });

  it('lists a tenant\u2019s web orders by state and puts a failed one back', async () => {
    await gw.db.repos.webOrders.stage(gw.tenantId, [{ shopOrderId: 77, record: {} }]);
    await gw.db.repos.webOrders.markFailed(gw.tenantId, 77, 7, 'x');
    const failed = (await (await admin(`/tenants/${gw.tenantId}/orders?state=failed`)).json()) as Array<{
      shopOrderId: number;
    }>;
    expect(failed.map((o) => o.shopOrderId)).toEqual([77]);
    expect((await admin(`/tenants/${gw.tenantId}/orders/77/retry`, { method: 'POST' })).status).toBe(200);
    expect((await gw.db.repos.webOrders.get(gw.tenantId, 77))?.state).toBe('staged');
  });

  it('repeated wrong credentials from one source are slowed down', async () => {
    const wrong = { login: LOGIN, password: 'feil' };
    const timed = async () => {
      const t0 = Date.now();
      const r = await gw.call('getStatus', wrong);
      expect(r.result.operationResult).toBe(1);
      return Date.now() - t0;
    };
    await timed();
    await timed();
    const third = await timed();
    const fourth = await timed();
    expect(third).toBeGreaterThanOrEqual(140);
    expect(fourth).toBeGreaterThanOrEqual(290);
    // The right password is still answered (only failed answers are held back).
    expect((await gw.call('getStatus', creds)).result.operationResult).toBe(0);
  });

  it('/healthz, /readyz and /metrics (calls by operation and result, latency, backlog per tenant)', async () => {
    await gw.call('sendArticle', { ...creds, article: article(1, 1) });
    expect(await (await fetch(`${gw.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${gw.url}/readyz`)).json()).toEqual({ status: 'ready' });
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/pck_calls_total\{operation="sendArticle",result="0"\} [1-9]/);
    expect(metrics).toMatch(/pck_calls_total\{operation="getStatus",result="1"\} [1-9]/);
    expect(metrics).toMatch(/pck_call_duration_seconds_bucket\{le="0.005",operation="sendArticle"\}/);
    expect(metrics).toContain(`staged_backlog{tenant="${gw.tenantId}",state="pending"} 1`);
  });

  it('writes the call log off the request path', async () => {
    await gw.gateway.callLog.flush();
    const rows = (await gw.db.repos.callLog.recent(gw.tenantId, 500)) as Array<{
      operation: string;
      entity_key: string | null;
    }>;
    expect(rows.some((r) => r.operation === 'sendArticle' && r.entity_key === 'a:1')).toBe(true);
  });
});

describe('failure throttle', () => {
  it('holds failures past the allowance back, doubling up to the cap', () => {
    const t = new FailureThrottle(
      { recordFailure: async () => [], prune: async () => 0 },
      { freeFailures: 1, baseDelayMs: 100, maxDelayMs: 250 },
    );
    expect([1, 2, 3, 4, 50].map((n) => t.delayAfter(n))).toEqual([0, 100, 200, 250, 250]);
  });

  it('counts a failure against the login and the address, and the worse count decides', async () => {
    const seen: unknown[] = [];
    const t = new FailureThrottle(
      {
        recordFailure: async (keys) => {
          seen.push(keys);
          return [
            { scope: 'login', subject: '7', failures: 4 },
            { scope: 'address', subject: '10.0.0.9', failures: 1 },
          ];
        },
        prune: async () => 0,
      },
      { freeFailures: 2, baseDelayMs: 100, maxDelayMs: 10_000 },
    );
    expect(await t.failed(7, '10.0.0.9')).toBe(200);
    expect(seen).toEqual([
      [
        { scope: 'login', subject: '7' },
        { scope: 'address', subject: '10.0.0.9' },
      ],
    ]);
  });

  it('when the counters cannot be written, a failure waits the longest delay', async () => {
    const t = new FailureThrottle(
      { recordFailure: async () => Promise.reject(new Error('db down')), prune: async () => 0 },
      { maxDelayMs: 1234 },
    );
    expect(await t.failed(7, 'x')).toBe(1234);
  });
});

describe('default tenant', () => {
  it('is created once even when several processes start together (unique login, advisory lock)', async () => {
    const db = await createTestStore();
    try {
      const config = {
        defaultTenant: {
          pckLogin: 1234,
          pckPassword: 'default-pass',
          shopUrl: 'http://127.0.0.1:5081',
          shopEmail: 'a@b.no',
          shopPassword: 'x',
        },
      };
      const results = await Promise.all(
        [1, 2, 3].map(() => ensureDefaultTenant(db.store, db.repos, config, pino({ level: 'silent' }))),
      );
      expect(results.filter((r) => r?.created)).toHaveLength(1);
      const tenants = await db.repos.tenants.list();
      expect(tenants).toHaveLength(1);
      expect(tenants[0]).toMatchObject({ pckLogin: 1234, shopUrl: 'http://127.0.0.1:5081', hasShopCredentials: true });
      expect(await db.repos.tenants.authenticate(1234, 'default-pass')).not.toBeNull();
      expect(await ensureDefaultTenant(db.store, db.repos, config, pino({ level: 'silent' }))).toBeUndefined();
    } finally {
      await db.close();
    }
  });
});
