import { Decimal } from 'decimal.js';
import type { NopSim } from '@pcknop/nop-sim';
import { withOrderShop, type OrderShop } from './order-shop';
import { creds, type RunningGateway } from './support';

describe('orders, deliveries, tracking and credits over HTTP (against nop-sim)', () => {
  let shop: OrderShop;
  let sim: NopSim;
  let gw: RunningGateway;

  withOrderShop(7, (started) => ({ sim, gw } = shop = started));

  const shopOrder = (paymentMethod?: string) => shop.shopOrder(paymentMethod);
  const capturesOf = (id: number) => shop.capturesOf(id);
  const complete: OrderShop['complete'] = (...args) => shop.complete(...args);

  const NEW_PCK = 'KASSE1\\ola{orderversion:2}';

  it('getOrders hands over staged orders until status 4; old PCK clients get each order once', async () => {
    const a = await shopOrder();
    const first = await gw.call('getOrders', { ...creds, computerName: NEW_PCK });
    expect(first.result.insertUpdate.operationResult).toBe(0);
    const o = first.result.listWebOrders.find((x) => x.deltaOrderId === a.id);
    expect(o).toMatchObject({ deltaOrderId: a.id, paymentMethod: 1, contactName: 'Kari Nordmann' });
    expect(o?.freightCost.toNumber()).toBe(99);
    expect(o?.orderLines.map((l) => [l.orderLineId, l.articleId, l.count])).toEqual([
      [a.itemIds[0], 1, 2],
      [a.itemIds[1], 2, 1],
    ]);
    // Not acknowledged yet: handed over again.
    expect(
      (await gw.call('getOrders', { ...creds, computerName: NEW_PCK })).result.listWebOrders.map((x) => x.deltaOrderId),
    ).toContain(a.id);
    const ack = await gw.call('updateOrderStatus', {
      ...creds,
      updateOrder: { deltaOrderId: a.id, orderStatusId: 4, orderLines: [] },
    });
    expect(ack.result.insertUpdate.operationResult).toBe(0);
    expect((await gw.call('getOrders', { ...creds, computerName: NEW_PCK })).result.listWebOrders).toEqual([]);
    expect(await gw.db.repos.webOrders.get(gw.tenantId, a.id)).toMatchObject({ state: 'transferred', pckStatus: 4 });

    const b = await shopOrder();
    expect(
      (await gw.call('getOrders', { ...creds, computerName: 'KASSE1\\ola' })).result.listWebOrders.map(
        (x) => x.deltaOrderId,
      ),
    ).toEqual([b.id]);
    expect((await gw.call('getOrders', { ...creds, computerName: 'KASSE1\\ola' })).result.listWebOrders).toEqual([]);
  });

  it('reads the scheduler’s { order, hints } form, and holds back an order it cannot read instead of guessing amounts', async () => {
    const good = await shopOrder();
    const stored = (await gw.db.repos.webOrders.get(gw.tenantId, good.id))!.record as Record<string, unknown>;
    const garbled = 900_001;
    await gw.db.repos.webOrders.stage(gw.tenantId, [
      { shopOrderId: garbled, record: { order: { ...stored, key: String(garbled), total: undefined }, hints: {} } }, // no total: never guess 0
    ]);
    const r = await gw.call('getOrders', { ...creds, computerName: NEW_PCK });
    const ids = r.result.listWebOrders.map((x) => x.deltaOrderId);
    expect(ids).toContain(good.id);
    expect(ids).not.toContain(garbled);
    expect(await gw.db.repos.webOrders.get(gw.tenantId, garbled)).toMatchObject({
      state: 'failed',
      failureReason: expect.stringContaining('/order/total'),
    });
    await gw.call('updateOrderStatus', {
      ...creds,
      updateOrder: { deltaOrderId: good.id, orderStatusId: 4, orderLines: [] },
    });
  });

  it('status 7/8/11 mark the order failed with the reason for the operator', async () => {
    const c = await shopOrder();
    await gw.call('getOrders', { ...creds, computerName: NEW_PCK });
    const r = await gw.call('updateOrderStatus', {
      ...creds,
      updateOrder: { deltaOrderId: c.id, orderStatusId: 7, message: 'Ukjent vare 2', orderLines: [] },
    });
    expect(r.result.insertUpdate.operationResult).toBe(0);
    expect(await gw.db.repos.webOrders.get(gw.tenantId, c.id)).toMatchObject({
      state: 'failed',
      pckStatus: 7,
      failureReason: expect.stringContaining('Ukjent vare 2'),
    });
    expect(
      (await gw.call('getOrders', { ...creds, computerName: NEW_PCK })).result.listWebOrders.map((x) => x.deltaOrderId),
    ).not.toContain(c.id);
  });

  it('delivery (5 then 3): ships, captures once, answers the amount with freight; a repeated sendId replays the answer', async () => {
    const d = await shopOrder();
    const update = {
      deltaOrderId: d.id,
      orderStatusId: 5,
      sendId: 501,
      packageNo: 'PKG-501',
      orderLines: [
        { orderLineId: d.itemIds[0], amount: 1 },
        { orderLineId: -10, amount: 1 },
      ],
    };
    const first = await gw.call('updateOrderStatus', { ...creds, updateOrder: update });
    expect(first.result.insertUpdate).toMatchObject({ operationResult: 0, deltaId: d.id });
    expect(first.result.amount.toNumber()).toBe(199);
    expect(first.result.freightCost.toNumber()).toBe(99);
    expect(first.result.extraCost.toNumber()).toBe(0);
    const captures = () => capturesOf(d.id);
    expect(captures()).toBe(1);
    expect(sim.state.orders().find((o) => o['id'] === d.id)).toMatchObject({ payment_status_id: 30 });

    const again = await gw.call('updateOrderStatus', { ...creds, updateOrder: update });
    expect(again.result.amount.toNumber()).toBe(199);
    expect(captures()).toBe(1);

    const rest = await complete(d, 502, [1, 1]);
    expect(rest.result.insertUpdate.operationResult).toBe(0);
    expect(rest.result.amount.toNumber()).toBe(150); // freight was charged by the first delivery
    expect(rest.result.freightCost.toNumber()).toBe(0);
    expect(await gw.db.repos.webOrders.get(gw.tenantId, d.id)).toMatchObject({
      capturedTotal: expect.stringMatching(/^349(\.0+)?$/),
    });
    expect(captures()).toBe(1);
  });

  it('a capture the shop cannot make → operationResult 1 with a Norwegian message, never an amount it did not take', async () => {
    const e = await shopOrder('Payments.CheckMoneyOrder'); // authorised, but this method cannot capture
    const update = {
      deltaOrderId: e.id,
      orderStatusId: 5,
      sendId: 551,
      packageNo: 'PKG-551',
      orderLines: [{ orderLineId: e.itemIds[0], amount: 1 }],
    };
    const r = await gw.call('updateOrderStatus', { ...creds, updateOrder: update });
    expect(r.result.insertUpdate.operationResult).toBe(1);
    expect(r.result.insertUpdate.humanErrorMessage).toMatch(/Betalingen kunne ikke trekkes/);
    expect(capturesOf(e.id)).toBe(0);
    expect(await gw.db.repos.deliveries.get(gw.tenantId, 'delivery:551')).toMatchObject({ state: 'pending' });
    expect(await gw.db.repos.webOrders.get(gw.tenantId, e.id)).toMatchObject({
      capturedTotal: expect.stringMatching(/^0(\.0+)?$/),
    });
  });

  it('shop unreachable during a delivery → operationResult 2, nothing lost, the retry succeeds', async () => {
    const e = await shopOrder();
    sim.faults.set({ errorRate: 1, errorPhase: 'before' });
    const update = {
      deltaOrderId: e.id,
      orderStatusId: 5,
      sendId: 601,
      orderLines: [{ orderLineId: e.itemIds[1], amount: 1 }],
    };
    const failed = await gw.call('updateOrderStatus', { ...creds, updateOrder: update });
    sim.faults.reset();
    expect(failed.result.insertUpdate.operationResult).toBe(2);
    expect(failed.result.insertUpdate.humanErrorMessage).toMatch(/Nettbutikken svarer ikke/);
    expect(await gw.db.repos.deliveries.get(gw.tenantId, 'delivery:601')).toMatchObject({
      state: 'pending',
      lastError: expect.any(String),
    });
    const retried = await gw.call('updateOrderStatus', { ...creds, updateOrder: update });
    expect(retried.result.insertUpdate.operationResult).toBe(0);
    expect(retried.result.amount.toNumber()).toBe(50);
    expect(capturesOf(e.id)).toBe(1);
  });

  it('a fractional quantity or an unknown line is a permanent error with a Norwegian message', async () => {
    const f = await shopOrder();
    const frac = await gw.call('updateOrderStatus', {
      ...creds,
      updateOrder: {
        deltaOrderId: f.id,
        orderStatusId: 5,
        sendId: 701,
        orderLines: [{ orderLineId: f.itemIds[0], amount: 1, qty: new Decimal('1.5') }],
      },
    });
    expect(frac.result.insertUpdate).toMatchObject({
      operationResult: 1,
      humanErrorMessage: expect.stringMatching(/hele antall/),
    });
    const unknown = await gw.call('updateOrderStatus', {
      ...creds,
      updateOrder: {
        deltaOrderId: f.id,
        orderStatusId: 5,
        sendId: 702,
        orderLines: [{ orderLineId: 999_999, amount: 1 }],
      },
    });
    expect(unknown.result.insertUpdate.operationResult).toBe(1);
    const badStatus = await gw.call('updateOrderStatus', {
      ...creds,
      updateOrder: { deltaOrderId: f.id, orderStatusId: 42, orderLines: [] },
    });
    expect(badStatus.result.insertUpdate.operationResult).toBe(1);
  });

  it('updatePackageInfo sets the tracking number of the delivery and adds one note', async () => {
    const g = await shopOrder();
    await gw.call('updateOrderStatus', {
      ...creds,
      updateOrder: {
        deltaOrderId: g.id,
        orderStatusId: 5,
        sendId: 801,
        orderLines: [{ orderLineId: g.itemIds[0], amount: 2 }],
      },
    });
    const info = {
      ...creds,
      packageNo: '70712345678',
      transporterName: 'Posten',
      packtrackURL: 'https://sporing.posten.no/70712345678',
      message: 'Takk!',
      sentid: 801,
    };
    expect((await gw.call('updatePackageInfo', info)).result).toMatchObject({ operationResult: 0, deltaId: g.id });
    expect((await gw.call('updatePackageInfo', info)).result.operationResult).toBe(0);
    const shipments = sim.state.list('shipments').filter((s) => s['order_id'] === g.id);
    expect(shipments.map((s) => s['tracking_number'])).toEqual(['70712345678']);
    expect(sim.state.orderNotes(g.id).filter((n) => String(n['note']).includes('Posten'))).toHaveLength(1);
    expect((await gw.call('updatePackageInfo', { ...info, sentid: 999 })).result.operationResult).toBe(1);
  });

  it('creditOrder refunds lines plus amount, capped by what was captured, idempotent on repeat', async () => {
    const h = await shopOrder();
    await complete(h, 901);
    const credit = {
      ...creds,
      orderId: h.id,
      orderLine: [{ orderLineId: h.itemIds[0], amount: 1 }],
      amount: new Decimal(10),
      reason: 'Retur',
    };
    const r = await gw.call('creditOrder', credit);
    expect(r.result.insertUpdate.operationResult).toBe(0);
    expect(r.result.amount.toNumber()).toBe(110);
    const again = await gw.call('creditOrder', credit);
    expect(again.result.amount.toNumber()).toBe(110);
    expect(Number(sim.state.orders().find((o) => o['id'] === h.id)?.['refunded_amount'])).toBe(110);
    const tooMuch = await gw.call('creditOrder', {
      ...creds,
      orderId: h.id,
      orderLine: [],
      amount: new Decimal(1000),
      reason: 'x',
    });
    expect(tooMuch.result.insertUpdate).toMatchObject({
      operationResult: 1,
      humanErrorMessage: expect.stringMatching(/Kreditbeløpet/),
    });
    expect(await gw.db.repos.webOrders.get(gw.tenantId, h.id)).toMatchObject({
      creditedTotal: expect.stringMatching(/^110(\.0+)?$/),
    });
  });

  it('getStatus, getAllPaymentTypes and the URL operations answer usefully', async () => {
    await shopOrder();
    const status = await gw.call('getStatus', creds);
    expect(status.result).toMatchObject({ operationResult: 0 });
    expect(status.result.orders).toBeGreaterThanOrEqual(1);
    expect((await gw.call('getAllPaymentTypes', creds)).result.insertUpdate.operationResult).toBe(0);
    expect((await gw.call('getOrderInfoURL', { ...creds, orderid: 5 })).result).toBe(`${sim.url}/Admin/Order/Edit/5`);
    expect((await gw.call('getReceiptURL', { ...creds, orderid: 5 })).result).toBe(
      `${sim.url}/Admin/Order/PdfInvoice/5`,
    );
    await gw.db.repos.bindings.save(gw.tenantId, [
      { kind: 'product', pckKey: 'a:42', shopId: 17, sku: 'ART-42', extra: {} },
    ]);
    expect((await gw.call('getArticleURL', { ...creds, pckid: 42 })).result).toBe(`${sim.url}/Admin/Product/Edit/17`);
    expect((await gw.call('getWelcomeMailTemplate', creds)).status).toBe(200);
  });

  it('createWebshop and getCreditApplicants answer 1 with a clear Norwegian message', async () => {
    const cw = await gw.call('createWebshop', { webcompany: { name: 'Butikk' } });
    expect(cw.result.insertUpdate).toMatchObject({
      operationResult: 1,
      humanErrorMessage: expect.stringMatching(/leverandøren av integrasjonen/),
    });
    const ca = await gw.call('getCreditApplicants', creds);
    expect(ca.result.insertUpdate).toMatchObject({
      operationResult: 1,
      humanErrorMessage: expect.stringMatching(/Kredittsøkere/),
    });
  });
});
