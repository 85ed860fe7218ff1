import { createTestStore } from '../testing';

describe('OrderTriggerRepository', () => {
  let ctx: Awaited<ReturnType<typeof createTestStore>>;
  let tenantId: string;
  const sql = (text: string, values: unknown[] = []) => ctx.store.pool.query(text, values);
  beforeAll(async () => {
    ctx = await createTestStore();
    tenantId = (await ctx.repos.tenants.create({ name: 'T', pckLogin: 91, pckPassword: 'p' })).id;
  });
  afterAll(() => ctx.close());

  it('owes nothing until a paid order is staged', async () => {
    expect(await ctx.repos.orderTriggers.claim(tenantId, { minIntervalMs: 0, leaseMs: 1000 })).toBeNull();
    expect(await ctx.repos.orderTriggers.status(tenantId)).toBeNull();
    await ctx.repos.orderTriggers.request(tenantId);
    expect(await ctx.repos.orderTriggers.due()).toEqual([tenantId]);
  });

  it('lets one caller claim the call, and no second one within the minimum interval', async () => {
    const claims = await Promise.all(
      [1, 2, 3, 4].map(() => ctx.repos.orderTriggers.claim(tenantId, { minIntervalMs: 60_000, leaseMs: 5000 })),
    );
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    const claim = claims.find((c) => c !== null);
    expect(await ctx.repos.orderTriggers.succeeded(claim!, 200)).toBe(true);
    expect(await ctx.repos.orderTriggers.status(tenantId)).toMatchObject({
      pending: false,
      lastOutcome: 'ok',
      lastStatus: 200,
      callsOk: 1,
    });
    // A new order within the interval: owed, but not claimable yet.
    await ctx.repos.orderTriggers.request(tenantId);
    expect(await ctx.repos.orderTriggers.claim(tenantId, { minIntervalMs: 60_000, leaseMs: 5000 })).toBeNull();
    // Once the interval has passed (moved back in time here), it is.
    await sql(`UPDATE order_trigger SET last_attempt_at = now() - interval '61 seconds' WHERE tenant_id = $1`, [
      tenantId,
    ]);
    expect(await ctx.repos.orderTriggers.claim(tenantId, { minIntervalMs: 60_000, leaseMs: 5000 })).not.toBeNull();
  });

  it('keeps the call owed when an order arrives while the call is in flight', async () => {
    await sql(
      `UPDATE order_trigger SET pending = true, next_attempt_at = now(), last_attempt_at = NULL WHERE tenant_id = $1`,
      [tenantId],
    );
    const claim = await ctx.repos.orderTriggers.claim(tenantId, { minIntervalMs: 0, leaseMs: 5000 });
    await new Promise((r) => setTimeout(r, 5));
    await ctx.repos.orderTriggers.request(tenantId);
    await ctx.repos.orderTriggers.succeeded(claim!, 200);
    expect((await ctx.repos.orderTriggers.status(tenantId))?.pending).toBe(true);
  });

  it('backs off after a failure, gives up after the last attempt, and ignores a superseded claim', async () => {
    await sql(
      `UPDATE order_trigger SET pending = true, next_attempt_at = now(), last_attempt_at = NULL, failures = 0 WHERE tenant_id = $1`,
      [tenantId],
    );
    const first = await ctx.repos.orderTriggers.claim(tenantId, { minIntervalMs: 0, leaseMs: 5000 });
    expect(first?.failures).toBe(0);
    expect(
      await ctx.repos.orderTriggers.failed(first!, {
        status: 503,
        error: 'Service Unavailable',
        retryInMs: 60_000,
        maxAttempts: 2,
      }),
    ).toBe('failed');
    let s = await ctx.repos.orderTriggers.status(tenantId);
    expect(s).toMatchObject({
      pending: true,
      failures: 1,
      lastOutcome: 'failed',
      lastStatus: 503,
      lastError: 'Service Unavailable',
    });
    expect(s!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(await ctx.repos.orderTriggers.claim(tenantId, { minIntervalMs: 0, leaseMs: 5000 })).toBeNull(); // backing off
    await sql(`UPDATE order_trigger SET next_attempt_at = now() WHERE tenant_id = $1`, [tenantId]);
    const second = await ctx.repos.orderTriggers.claim(tenantId, { minIntervalMs: 0, leaseMs: 5000 });
    expect(second?.failures).toBe(1);
    // The first claim's late answer changes nothing.
    expect(await ctx.repos.orderTriggers.succeeded(first!, 200)).toBe(false);
    expect(
      await ctx.repos.orderTriggers.failed(second!, {
        status: null,
        error: 'timeout',
        retryInMs: 1000,
        maxAttempts: 2,
      }),
    ).toBe('gave-up');
    s = await ctx.repos.orderTriggers.status(tenantId);
    expect(s).toMatchObject({
      pending: false,
      failures: 0,
      lastOutcome: 'gave-up',
      lastStatus: null,
      lastError: 'timeout',
      callsFailed: 2,
    });
  });

  it('owes nothing once cancelled', async () => {
    await ctx.repos.orderTriggers.request(tenantId);
    await ctx.repos.orderTriggers.cancel(tenantId);
    expect(await ctx.repos.orderTriggers.due()).toEqual([]);
    expect((await ctx.repos.orderTriggers.status(tenantId))?.pending).toBe(false);
  });

  it('lets another scheduler take a call whose claimer died, after the lease', async () => {
    await ctx.repos.orderTriggers.request(tenantId);
    await sql(`UPDATE order_trigger SET next_attempt_at = now(), last_attempt_at = NULL WHERE tenant_id = $1`, [
      tenantId,
    ]);
    const dead = await ctx.repos.orderTriggers.claim(tenantId, { minIntervalMs: 0, leaseMs: 60_000 });
    expect(dead).not.toBeNull();
    expect(await ctx.repos.orderTriggers.claim(tenantId, { minIntervalMs: 0, leaseMs: 60_000 })).toBeNull();
    await sql(`UPDATE order_trigger SET next_attempt_at = now() WHERE tenant_id = $1`, [tenantId]);
    expect(await ctx.repos.orderTriggers.claim(tenantId, { minIntervalMs: 0, leaseMs: 60_000 })).not.toBeNull();
  });
});
