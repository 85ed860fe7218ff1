import { createTestStore } from '../testing';

describe('CallLogRepository', () => {
  let ctx: Awaited<ReturnType<typeof createTestStore>>;
  let tenantId: string;
  beforeAll(async () => {
    ctx = await createTestStore();
    tenantId = (await ctx.repos.tenants.create({ name: 'L', pckLogin: 91, pckPassword: 'p' })).id;
  });
  afterAll(() => ctx.close());

  it('appends several entries in one statement, in order, with and without a tenant', async () => {
    await ctx.repos.callLog.appendMany([]);
    await ctx.repos.callLog.appendMany([
      { tenantId, operation: 'sendArticle', result: 0, durationMs: 1.6, entityKey: 'a:1' },
      { tenantId: null, operation: 'getOrders', result: 1, durationMs: 3, message: 'x'.repeat(1500) },
    ]);
    const all = await ctx.repos.callLog.recent(null, 10);
    expect(all.map((r: { operation: string }) => r.operation)).toEqual(['getOrders', 'sendArticle']);
    expect(all[0].message).toHaveLength(1000);
    expect(all[1]).toMatchObject({ tenant_id: tenantId, result: 0, duration_ms: 2, entity_key: 'a:1' });
  });
});
