import type { NopSim } from '@pcknop/nop-sim';
import { serializeRequest } from '@pcknop/pck-contract';
import { SHOP, withOrderShop, type OrderShop } from './order-shop';
import { creds, startGateway, type RunningGateway } from './support';

// Generous bounds: the machine running the suite may be loaded (no timing is asserted).
jest.setTimeout(120_000);

/** Issue 14 point 7: deliveries repeated while the first still runs, recorded shipments, credits by sendId. */
describe('orders and money: one shipment and one capture per delivery, credits keyed right', () => {
  let shop: OrderShop;
  let sim: NopSim;
  let gw: RunningGateway;

  withOrderShop(14, (started) => ({ sim, gw } = shop = started));
  afterEach(() => sim.faults.reset());

  const shopOrder = () => shop.shopOrder();
  const capturesOf = (id: number) => shop.capturesOf(id);
  const complete: OrderShop['complete'] = (...args) => shop.complete(...args);
  const shipmentsOf = (id: number) => sim.state.list('shipments').filter((s) => s['order_id'] === id);
  const refundedOf = (id: number): number =>
    Number(sim.state.orders().find((o) => o['id'] === id)?.['refunded_amount']);

  it('a delivery repeated while the first call still runs ships once and captures once; both get the same answer', async () => {
    const d = await shopOrder();
    // A slow shop: every shipment call takes a second, so PCK's repeat arrives while the first call is shipping.
    sim.faults.set({ latencyMs: 1000, pathFilter: '/Shipment' });
    const update = {
      deltaOrderId: d.id,
      orderStatusId: 5,
      sendId: 1401,
      orderLines: [
        { orderLineId: d.itemIds[0], amount: 2 },
        { orderLineId: -10, amount: 1 },
      ],
    };
    const [first, repeat] = await Promise.all([
      gw.call('updateOrderStatus', { ...creds, updateOrder: update }),
      new Promise((resolve) => setTimeout(resolve, 300)).then(() =>
        gw.call('updateOrderStatus', { ...creds, updateOrder: update }),
      ),
    ]);
    expect(first.result.insertUpdate.operationResult).toBe(0);
    expect(repeat.result.insertUpdate.operationResult).toBe(0);
    expect(first.result.amount.toNumber()).toBe(299);
    expect(repeat.result.amount.toNumber()).toBe(299);
    expect(shipmentsOf(d.id)).toHaveLength(1);
    expect(capturesOf(d.id)).toBe(1);
    expect(await gw.db.repos.webOrders.get(gw.tenantId, d.id)).toMatchObject({
      capturedTotal: expect.stringMatching(/^299(\.0+)?$/),
    });
  }, 60_000);

  it('a retry continues the shipment the first attempt recorded, even after its tracking number changed', async () => {
    const d = await shopOrder();
    const update = {
      deltaOrderId: d.id,
      orderStatusId: 5,
      sendId: 1402,
      orderLines: [{ orderLineId: d.itemIds[1], amount: 1 }],
    };
    // Shipped, then the capture fails (declined or unreachable): the delivery stays pending with its shipment recorded.
    sim.faults.set({ errorRate: 1, errorPhase: 'before', pathFilter: '/OrderProcessing/Capture' });
    const failed = await gw.call('updateOrderStatus', { ...creds, updateOrder: update });
    expect(failed.result.insertUpdate.operationResult).not.toBe(0);
    sim.faults.reset();
    const pending = await gw.db.repos.deliveries.get(gw.tenantId, 'delivery:1402');
    expect(pending).toMatchObject({ state: 'pending', shipmentId: expect.any(Number) });
    expect(capturesOf(d.id)).toBe(0);
    // PCK sends the package number meanwhile: the shipment no longer carries the generated tracking number.
    expect(
      (await gw.call('updatePackageInfo', { ...creds, packageNo: '70700001402', sentid: 1402 })).result.operationResult,
    ).toBe(0);

    const retried = await gw.call('updateOrderStatus', { ...creds, updateOrder: update });
    expect(retried.result.insertUpdate.operationResult).toBe(0);
    expect(retried.result.amount.toNumber()).toBe(50);
    expect(shipmentsOf(d.id).map((s) => s['id'])).toEqual([pending?.shipmentId]);
    expect(capturesOf(d.id)).toBe(1);
  }, 60_000);

  it('old PCK (no {orderversion:2}): an order is transferred only once the answer carrying it was written', async () => {
    // A getOrders whose shop poll takes a second: PCK's connection drops before the answer is written.
    const slow = await startGateway({
      shopUrl: sim.url,
      shop: SHOP,
      orderPoll: { poller: () => new Promise((resolve) => setTimeout(resolve, 1500)), timeBoxMs: 1500 },
    });
    try {
      const o = await shopOrder();
      await slow.db.repos.webOrders.stage(slow.tenantId, [
        { shopOrderId: o.id, record: (await gw.db.repos.webOrders.get(gw.tenantId, o.id))?.record },
      ]);
      const oldPck = { ...creds, computerName: 'KASSE1\\ola' };
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 300);
      await expect(
        fetch(slow.soapUrl, {
          method: 'POST',
          body: serializeRequest('getOrders', oldPck),
          headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: '""' },
          signal: abort.signal,
        }),
      ).rejects.toThrow();
      // The handler finished after the connection was gone (the order was handed over), but was not transferred.
      const handed = Date.now() + 30_000;
      while (((await slow.db.repos.webOrders.get(slow.tenantId, o.id))?.returnedCount ?? 0) < 1 && Date.now() < handed)
        await new Promise((r) => setTimeout(r, 50));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await slow.db.repos.webOrders.get(slow.tenantId, o.id)).toMatchObject({
        state: 'returned',
        returnedCount: 1,
      });
      // Once the wait for a confirmation is over, the next getOrders hands it over; written, it is transferred.
      await slow.db.store.pool.query(
        `UPDATE web_order SET returned_at = returned_at - interval '5 minutes' WHERE tenant_id = $1`,
        [slow.tenantId],
      );
      const again = await slow.call('getOrders', oldPck);
      expect(again.result.listWebOrders.map((x) => x.deltaOrderId)).toEqual([o.id]);
      const deadline = Date.now() + 10_000;
      while ((await slow.db.repos.webOrders.get(slow.tenantId, o.id))?.state !== 'transferred' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(await slow.db.repos.webOrders.get(slow.tenantId, o.id)).toMatchObject({
        state: 'transferred',
        returnedCount: 2,
      });
      expect((await slow.call('getOrders', oldPck)).result.listWebOrders).toEqual([]);
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('credits with PCK sendId: a repeat replays, another sendId with the same content is a second credit', async () => {
    const c = await shopOrder();
    await complete(c, 1403);
    const credit = {
      ...creds,
      orderId: c.id,
      orderLine: [{ orderLineId: c.itemIds[1], amount: 1 }],
      reason: 'Retur',
      sendId: 77,
    };
    expect((await gw.call('creditOrder', credit)).result.amount.toNumber()).toBe(50);
    expect((await gw.call('creditOrder', credit)).result.amount.toNumber()).toBe(50);
    expect(refundedOf(c.id)).toBe(50);
    expect((await gw.call('creditOrder', { ...credit, sendId: 78 })).result.amount.toNumber()).toBe(50);
    expect(refundedOf(c.id)).toBe(100);
    expect(await gw.db.repos.webOrders.get(gw.tenantId, c.id)).toMatchObject({
      creditedTotal: expect.stringMatching(/^100(\.0+)?$/),
    });
  }, 60_000);

  it('credits without sendId: a repeat the same day replays; the same credit again on another day is refunded again', async () => {
    const c = await shopOrder();
    await complete(c, 1404);
    const credit = { ...creds, orderId: c.id, orderLine: [{ orderLineId: c.itemIds[1], amount: 1 }], reason: 'Retur' };
    expect((await gw.call('creditOrder', credit)).result.amount.toNumber()).toBe(50);
    expect((await gw.call('creditOrder', credit)).result.amount.toNumber()).toBe(50);
    expect(refundedOf(c.id)).toBe(50);
    // The first credit was a day ago.
    await gw.db.store.pool.query(
      `UPDATE delivery SET created_at = created_at - interval '1 day', updated_at = updated_at - interval '1 day' WHERE tenant_id = $1 AND shop_order_id = $2 AND ref LIKE 'credit:%'`,
      [gw.tenantId, c.id],
    );
    expect((await gw.call('creditOrder', credit)).result.amount.toNumber()).toBe(50);
    expect(refundedOf(c.id)).toBe(100);
    // And its own repeat replays.
    expect((await gw.call('creditOrder', credit)).result.amount.toNumber()).toBe(50);
    expect(refundedOf(c.id)).toBe(100);
  }, 60_000);
});
