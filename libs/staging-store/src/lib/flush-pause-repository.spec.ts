import { createTestStore } from '../testing';

jest.setTimeout(60_000);

describe('FlushPauseRepository', () => {
  let ctx: Awaited<ReturnType<typeof createTestStore>>;
  let tenantId: string;

  beforeAll(async () => {
    ctx = await createTestStore();
    tenantId = (await ctx.repos.tenants.create({ name: 'Pause', pckLogin: 4242, pckPassword: 'x' })).id;
  });
  afterAll(() => ctx.close());

  const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;

  it('pauses with a growing back-off, capped, keeps the first sighting, and resumes', async () => {
    const pauses = ctx.repos.flushPauses;
    expect(await pauses.get(tenantId)).toBeUndefined();
    const first = await pauses.pause(tenantId, {
      code: 'auth',
      reason: 'Nettbutikken avviser innloggingen',
      detail: 'HTTP 401',
      baseMs: 10_000,
      capMs: 60_000,
    });
    expect(first).toMatchObject({ tenantId, code: 'auth', failures: 1, detail: 'HTTP 401', active: true });
    expect(seconds(first.updatedAt, first.pausedUntil)).toBeCloseTo(10, 0);
    const second = await pauses.pause(tenantId, {
      code: 'server',
      reason: 'Nettbutikken svarer med feil 503',
      baseMs: 10_000,
      capMs: 60_000,
    });
    expect(second.failures).toBe(2);
    expect(second.code).toBe('server');
    expect(second.since).toEqual(first.since);
    expect(seconds(second.updatedAt, second.pausedUntil)).toBeCloseTo(20, 0);
    const vague = await pauses.pause(tenantId, {
      code: 'circuit-open',
      reason: 'kall er stanset',
      baseMs: 10_000,
      capMs: 60_000,
      keepReasonFor: 'circuit-open',
    });
    expect(vague).toMatchObject({ code: 'server', reason: 'Nettbutikken svarer med feil 503', failures: 3 });
    for (let i = 0; i < 4; i++)
      await pauses.pause(tenantId, { code: 'server', reason: 'r', baseMs: 10_000, capMs: 60_000 });
    const capped = await pauses.pause(tenantId, { code: 'server', reason: 'r', baseMs: 10_000, capMs: 60_000 });
    expect(seconds(capped.updatedAt, capped.pausedUntil)).toBeCloseTo(60, 0);
    expect(await pauses.activeTenantIds()).toEqual(new Set([tenantId]));
    expect((await pauses.list()).map((p) => p.tenantId)).toEqual([tenantId]);
    expect(await pauses.resume(tenantId)).toBe(true);
    expect(await pauses.resume(tenantId)).toBe(false);
    expect(await pauses.get(tenantId)).toBeUndefined();
  });

  it("waits at least the shop's Retry-After, and a pause whose time ran out is no longer active", async () => {
    const pauses = ctx.repos.flushPauses;
    const p = await pauses.pause(tenantId, {
      code: 'rate-limited',
      reason: 'r',
      baseMs: 1,
      capMs: 60_000,
      minMs: 30_000,
    });
    expect(seconds(p.updatedAt, p.pausedUntil)).toBeCloseTo(30, 0);
    await pauses.resume(tenantId);
    await pauses.pause(tenantId, { code: 'timeout', reason: 'r', baseMs: 1, capMs: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(await pauses.activeTenantIds()).toEqual(new Set());
    expect(await pauses.get(tenantId)).toMatchObject({ active: false, code: 'timeout' });
  });
});
