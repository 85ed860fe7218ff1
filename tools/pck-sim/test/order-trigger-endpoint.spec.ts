import { Decimal } from 'decimal.js';
import type { Order } from '@pcknop/pck-contract';
import { PckClient, startOrderTriggerEndpoint } from '../src';
import { okResult, startFakeGateway } from './support/fake-gateway';

jest.setTimeout(30_000);

const order = (deltaOrderId: number): Order => ({
  deltaOrderId,
  alternativeTax: false,
  contactId: 77,
  contactName: 'Kari Nordmann',
  freightCost: new Decimal(0),
  extraCost: new Decimal(0),
  paymentMethod: 1,
  storePickup: false,
  taxExempt: false,
  orderLines: [{ orderLineId: 11, articleId: 1001, count: 1, price: new Decimal('100'), discount: new Decimal(0) }],
});

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end && !check()) await new Promise((r) => setTimeout(r, 20));
  return check();
}

describe("the simulated till's order trigger (QueueGetOrders.aspx)", () => {
  it('answers at once, then fetches with getOrders and acknowledges each order with status 4', async () => {
    let batch = [order(501), order(502)];
    const gw = await startFakeGateway((r) => {
      if (r.operation === 'getOrders') {
        const out = batch;
        batch = [];
        return { result: { insertUpdate: { deltaId: 0, operationResult: 0 }, listWebOrders: out } };
      }
      return okResult();
    });
    const client = new PckClient({ url: gw.url, login: 3, password: 'pw' });
    const seen: number[] = [];
    const endpoint = await startOrderTriggerEndpoint({
      client,
      licenceNo: '12345',
      onOrder: (o) => seen.push(o.deltaOrderId),
    });
    try {
      const res = await fetch(`${endpoint.url}?licenceno=12345`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ OkCount: 1, FailedCount: 0, DbResults: [] });
      expect(await until(() => gw.received.length === 3, 1000)).toBe(true); // within a second
      expect(gw.received.map((r) => r.operation)).toEqual(['getOrders', 'updateOrderStatus', 'updateOrderStatus']);
      expect(gw.received[0].payload).toMatchObject({
        login: 3,
        password: 'pw',
        computerName: 'KASSE1\\butikk{orderversion:2}',
      });
      expect(
        gw.received.slice(1).map((r) => r.payload['updateOrder'] as { deltaOrderId: number; orderStatusId: number }),
      ).toEqual([
        expect.objectContaining({ deltaOrderId: 501, orderStatusId: 4 }),
        expect.objectContaining({ deltaOrderId: 502, orderStatusId: 4 }),
      ]);
      expect(seen).toEqual([501, 502]);
      expect(endpoint.fetches).toEqual([expect.objectContaining({ orders: [501, 502] })]);
    } finally {
      await endpoint.close();
      await client.close();
      await gw.close();
    }
  });

  it('refuses another licence number and never fetches two at once (triggers during a fetch make one more fetch)', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const gw = await startFakeGateway(async (r, i) => {
      if (r.operation === 'getOrders' && i === 0) await gate;
      return { result: { insertUpdate: { deltaId: 0, operationResult: 0 }, listWebOrders: [] } };
    });
    const client = new PckClient({ url: gw.url, login: 3, password: 'pw' });
    const endpoint = await startOrderTriggerEndpoint({ client, licenceNo: '12345' });
    try {
      expect((await fetch(`${endpoint.url}?licenceno=999`)).status).toBe(404);
      expect((await fetch(`${endpoint.url}?licenceno=12345`)).status).toBe(200);
      expect(await until(() => gw.received.length === 1, 1000)).toBe(true);
      for (let i = 0; i < 3; i++) expect((await fetch(`${endpoint.url}?licenceno=12345`)).status).toBe(200);
      release();
      await endpoint.idle();
      expect(endpoint.triggers).toHaveLength(4);
      expect(gw.received.map((r) => r.operation)).toEqual(['getOrders', 'getOrders']);
      expect(gw.maxInFlight()).toBe(1);
    } finally {
      await endpoint.close();
      await client.close();
      await gw.close();
    }
  });
});
