import { Decimal } from 'decimal.js';
import type { Order, UpdateOrderResponse } from '@pcknop/pck-contract';
import { orderCycle, planDeliveries, runScenario } from '../src';
import { codeResult, okResult, startFakeGateway, type FakeAnswer, type Received } from './support/fake-gateway';

const order = (deltaOrderId: number, over: Partial<Order> = {}): Order => ({
  deltaOrderId,
  alternativeTax: false,
  contactId: 77,
  contactName: 'Kari Nordmann',
  freightCost: new Decimal('99'),
  extraCost: new Decimal(0),
  paymentMethod: 1,
  storePickup: false,
  taxExempt: false,
  orderLines: [
    { orderLineId: 11, articleId: 1001, count: 1, price: new Decimal('1599'), discount: new Decimal(0) },
    {
      orderLineId: 12,
      articleId: 1002,
      count: 2,
      price: new Decimal('49.90'),
      discount: new Decimal(0),
      sizeColorId: 5,
    },
  ],
  ...over,
});

const captured = (amount: string, freight = '0'): FakeAnswer => ({
  result: {
    amount: new Decimal(amount),
    freightCost: new Decimal(freight),
    extraCost: new Decimal(0),
    paymentMethod: 'VISA',
    authorzationId: 'AUTH-1',
    insertUpdate: { deltaId: 0, operationResult: 0 },
  } satisfies UpdateOrderResponse,
});

describe('planDeliveries', () => {
  it('splits two lines into 5 (first line + freight) then 3 (rest)', () => {
    const plan = planDeliveries(order(1), true);
    expect(plan.map((p) => [p.orderStatusId, p.lines.map((l) => [l.orderLineId, l.amount])])).toEqual([
      [
        5,
        [
          [11, 1],
          [-10, 1],
        ],
      ],
      [3, [[12, 2]]],
    ]);
  });

  it('splits the quantity of a single line, and delivers everything at once without part delivery', () => {
    const one = order(1, {
      orderLines: [{ orderLineId: 11, articleId: 1, count: 3, price: new Decimal(10), discount: new Decimal(0) }],
      freightCost: new Decimal(0),
    });
    expect(planDeliveries(one, true).map((p) => [p.orderStatusId, p.lines.map((l) => l.amount)])).toEqual([
      [5, [1]],
      [3, [2]],
    ]);
    expect(planDeliveries(order(1), false).map((p) => p.orderStatusId)).toEqual([3]);
  });
});

describe('order cycle against a fake gateway', () => {
  it('fetches, acknowledges, delivers 5 then 3, sends package info with the sendId, credits, and reports the amounts', async () => {
    const orders = [order(501), order(502, { paymentMethod: 3 }), order(503, { paymentMethod: 2, storePickup: true })];
    const deliveries = [captured('1698', '99'), captured('99.80')];
    const gw = await startFakeGateway((r: Received) => {
      switch (r.operation) {
        case 'getOrders':
          return { result: { insertUpdate: { deltaId: 0, operationResult: 0 }, listWebOrders: orders } };
        case 'updateOrderStatus': {
          const u = (r.payload as { updateOrder: { orderStatusId: number } }).updateOrder;
          return u.orderStatusId === 4 ? captured('0') : (deliveries.shift() ?? codeResult(1, 'Uventet levering'));
        }
        case 'creditOrder':
          return captured('1599');
        default:
          return okResult();
      }
    });
    try {
      const report = await runScenario(orderCycle({ seed: 3 }), {
        url: gw.url,
        login: 1,
        password: 'x',
        timeScale: 1e-5,
      });
      const seen = gw.received.map((r) => {
        const p = r.payload;
        if (r.operation === 'updateOrderStatus') {
          const u = p['updateOrder'] as { deltaOrderId: number; orderStatusId: number; sendId?: number };
          return `${r.operation} ${u.deltaOrderId} ${u.orderStatusId}`;
        }
        return r.operation;
      });
      expect(seen).toEqual([
        'getOrders',
        'updateOrderStatus 501 4',
        'updateOrderStatus 501 5',
        'updateOrderStatus 501 3',
        'updatePackageInfo',
        'creditOrder',
        'updateOrderStatus 502 4',
        'updateOrderStatus 503 4',
      ]);
      const [, , first, second, pkg, credit] = gw.received.map((r) => r.payload);
      const sendIds = [first, second].map((p) => (p['updateOrder'] as { sendId: number }).sendId);
      expect(sendIds[1]).toBe(sendIds[0] + 1);
      expect(pkg['sentid']).toBe(sendIds[1]);
      expect(typeof pkg['packageNo']).toBe('string');
      expect(credit).toMatchObject({ orderId: 501, orderLine: [{ orderLineId: 11, amount: 1 }] });
      expect(report.orders).toMatchObject({
        fetched: 3,
        acknowledged: 3,
        delivered: 1,
        deliveries: 2,
        packageInfos: 1,
        credited: 1,
      });
      expect(report.orders.captured.toFixed(2)).toBe('1797.80');
      expect(report.orders.creditedAmount.toFixed(2)).toBe('1599.00');
      expect(report.orders.details.map((d) => d.note)).toEqual([
        undefined,
        'credit order: no further calls',
        'COD with store pickup: parked at the till',
      ]);
    } finally {
      await gw.close();
    }
  });

  it('stops delivering an order when the capture is declined, and reports the message', async () => {
    const gw = await startFakeGateway((r: Received) => {
      if (r.operation === 'getOrders')
        return { result: { insertUpdate: { deltaId: 0, operationResult: 0 }, listWebOrders: [order(601)] } };
      const u = (r.payload as { updateOrder?: { orderStatusId: number } }).updateOrder;
      if (u?.orderStatusId === 4) return captured('0');
      return {
        result: {
          amount: new Decimal(0),
          freightCost: new Decimal(0),
          extraCost: new Decimal(0),
          insertUpdate: { deltaId: 0, operationResult: 1, humanErrorMessage: 'Betalingen ble avvist' },
        },
      };
    });
    try {
      const report = await runScenario(orderCycle(), { url: gw.url, login: 1, password: 'x', timeScale: 1e-5 });
      expect(gw.received.map((r) => r.operation)).toEqual(['getOrders', 'updateOrderStatus', 'updateOrderStatus']);
      expect(report.permanentErrors.map((e) => e.humanErrorMessage)).toEqual(['Betalingen ble avvist']);
      expect(report.orders).toMatchObject({ acknowledged: 1, delivered: 0, credited: 0 });
      expect(report.orders.details[0].note).toBe('no delivery accepted');
    } finally {
      await gw.close();
    }
  });
});
