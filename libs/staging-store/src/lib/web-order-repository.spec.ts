import { createTestStore } from '../testing';

describe('WebOrderRepository and DeliveryRepository', () => {
  let ctx: Awaited<ReturnType<typeof createTestStore>>;
  let tenantId: string;
  beforeAll(async () => {
    ctx = await createTestStore();
    tenantId = (await ctx.repos.tenants.create({ name: 'O', pckLogin: 77, pckPassword: 'p' })).id;
  });
  afterAll(() => ctx.close());

  it('stages each shop order once, however often it is polled', async () => {
    expect(
      await ctx.repos.webOrders.stage(tenantId, [
        { shopOrderId: 1, record: { id: 1 } },
        { shopOrderId: 2, record: { id: 2 } },
      ]),
    ).toEqual([1, 2]);
    expect(
      await ctx.repos.webOrders.stage(tenantId, [
        { shopOrderId: 2, record: { id: 2, changed: true } },
        { shopOrderId: 3, record: { id: 3 } },
      ]),
    ).toEqual([3]);
    expect((await ctx.repos.webOrders.get(tenantId, 2))?.record).toEqual({ id: 2 });
  });

  it('hands orders over until PCK acknowledges them with status 4, then never again', async () => {
    const first = await ctx.repos.webOrders.handOver(tenantId, { acknowledgesWithStatus: true });
    expect(first.map((o) => o.shopOrderId)).toEqual([1, 2, 3]);
    await ctx.repos.webOrders.markTransferred(tenantId, 1);
    await ctx.repos.webOrders.markFailed(tenantId, 3, 7, 'Ukjent vare');
    const second = await ctx.repos.webOrders.handOver(tenantId, { acknowledgesWithStatus: true });
    expect(second.map((o) => o.shopOrderId)).toEqual([2]);
    expect(second[0].returnedCount).toBe(2);
    expect(await ctx.repos.webOrders.get(tenantId, 3)).toMatchObject({
      state: 'failed',
      failureReason: 'Ukjent vare',
      pckStatus: 7,
    });
    expect(await ctx.repos.webOrders.markFailed(tenantId, 1, 8, 'late')).toBe(false); // transferred stays transferred
  });

  it('for an old PCK that never acknowledges: transferred only once the answer is confirmed written', async () => {
    await ctx.repos.webOrders.stage(tenantId, [{ shopOrderId: 10, record: {} }]);
    await ctx.repos.webOrders.markTransferred(tenantId, 2);
    expect(
      (await ctx.repos.webOrders.handOver(tenantId, { acknowledgesWithStatus: false })).map((o) => o.shopOrderId),
    ).toEqual([10]);
    expect(await ctx.repos.webOrders.get(tenantId, 10)).toMatchObject({ state: 'returned' });
    // A concurrent call does not get it twice; an answer never confirmed hands it over again after the wait.
    expect(await ctx.repos.webOrders.handOver(tenantId, { acknowledgesWithStatus: false })).toEqual([]);
    expect(
      (await ctx.repos.webOrders.handOver(tenantId, { acknowledgesWithStatus: false, unconfirmedAfterMs: 0 })).map(
        (o) => o.shopOrderId,
      ),
    ).toEqual([10]);
    expect(await ctx.repos.webOrders.confirmHandedOver(tenantId, [10])).toBe(1);
    expect(await ctx.repos.webOrders.get(tenantId, 10)).toMatchObject({ state: 'transferred', returnedCount: 2 });
    expect(
      await ctx.repos.webOrders.handOver(tenantId, { acknowledgesWithStatus: false, unconfirmedAfterMs: 0 }),
    ).toEqual([]);
    expect(await ctx.repos.webOrders.retry(tenantId, 3)).toBe(true);
    expect(
      (await ctx.repos.webOrders.handOver(tenantId, { acknowledgesWithStatus: true })).map((o) => o.shopOrderId),
    ).toEqual([3]);
  });

  it('keeps exact running totals', async () => {
    await ctx.repos.webOrders.addAmounts(tenantId, 1, { captured: '199.10' });
    await ctx.repos.webOrders.addAmounts(tenantId, 1, { captured: '0.20', credited: '50.05' });
    expect(await ctx.repos.webOrders.get(tenantId, 1)).toMatchObject({
      capturedTotal: '199.3000',
      creditedTotal: '50.0500',
    });
  });

  it('makes a delivery idempotent by its reference', async () => {
    const a = await ctx.repos.deliveries.begin(tenantId, 'delivery:900', 1, { lines: [1] });
    expect(a.created).toBe(true);
    await ctx.repos.deliveries.progress(tenantId, 'delivery:900', { shipmentId: 55 });
    const again = await ctx.repos.deliveries.begin(tenantId, 'delivery:900', 1, { lines: [1] });
    expect(again).toMatchObject({ created: false, delivery: { state: 'pending', shipmentId: 55 } });
    await ctx.repos.deliveries.finish(tenantId, 'delivery:900', { amount: '199.00' }, '199.00');
    expect((await ctx.repos.deliveries.begin(tenantId, 'delivery:900', 1, {})).delivery).toMatchObject({
      state: 'done',
      response: { amount: '199.00' },
      amount: '199.0000',
    });
    expect(await ctx.repos.deliveries.listForOrder(tenantId, 1)).toHaveLength(1);
  });
});
