import { Decimal } from 'decimal.js';
import { WebApiBackendAdapter } from '@pcknop/nopcommerce-client';
import { DEFAULT_ADMIN_EMAIL, DEFAULT_ADMIN_PASSWORD, startNopSim, type NopSim } from '@pcknop/nop-sim';
import type { ResponseOf } from '@pcknop/pck-contract';
import { recordToJson, TwinOrderLineKind, TwinOrderStatus, type TwinOrder } from '@pcknop/twinxml';
import { creds, startGateway, type RunningGateway } from './support';

export const SHOP = { email: DEFAULT_ADMIN_EMAIL, password: DEFAULT_ADMIN_PASSWORD };

export interface OrderShop {
  sim: NopSim;
  gw: RunningGateway;
  /**
   * An authorised shop order (2 × ART-1 à 100, 1 × ART-2 à 50, freight 99), staged as the scheduler would;
   * `paymentMethod` is the shop's payment plugin.
   */
  shopOrder(paymentMethod?: string): Promise<{ id: number; itemIds: number[] }>;
  /**
   * PCK completes `order` (status 3) under `sendId`, delivering `amounts` of its two product lines and the freight;
   * by default the whole order. Answers the gateway's reply.
   */
  complete(
    order: { id: number; itemIds: number[] },
    sendId: number,
    amounts?: [number, number],
  ): Promise<{ result: ResponseOf<'updateOrderStatus'> }>;
  /** Captures of one order: the simulator notes each one on the order ("Order has been captured"). */
  capturesOf(id: number): number;
  close(): Promise<void>;
}

/**
 * The order shop of `startOrderShop(seed)` for the enclosing describe, handed to `use` once started (given a minute:
 * a loaded machine is slow to make the database) and closed after all its tests.
 */
export function withOrderShop(seed: number, use: (shop: OrderShop) => void): void {
  let shop: OrderShop | undefined;
  beforeAll(async () => {
    shop = await startOrderShop(seed);
    use(shop);
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
  });
}

/** A gateway whose tenant's shop is nop-sim (seeded with `seed`), selling ART-1 (Sykkel, 100) and ART-2 (Hjelm, 50). */
export async function startOrderShop(seed: number): Promise<OrderShop> {
  const sim = await startNopSim({ port: 0, seed });
  const gw = await startGateway({ shopUrl: sim.url, shop: SHOP });
  const admin = new WebApiBackendAdapter({
    baseUrl: sim.url,
    credentials: SHOP,
    retry: { maxRetries: 0, initialDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
  });
  await admin.upsertProduct({
    sku: 'ART-1',
    name: 'Sykkel',
    price: new Decimal(100),
    stockTracking: 'product',
    stockQuantity: 50,
  });
  await admin.upsertProduct({
    sku: 'ART-2',
    name: 'Hjelm',
    price: new Decimal(50),
    stockTracking: 'product',
    stockQuantity: 50,
  });
  return {
    sim,
    gw,
    async shopOrder(paymentMethod = 'Payments.SimGateway') {
      const seeded = sim.state.seedOrder({
        items: [
          { sku: 'ART-1', quantity: 2, unitPrice: 100 },
          { sku: 'ART-2', quantity: 1, unitPrice: 50 },
        ],
        shippingCost: 99,
        paid: false,
        paymentMethodSystemName: paymentMethod,
      });
      const id = Number(seeded.order['id']);
      await admin.client.http.send({
        method: 'GET',
        path: `/api-backend/OrderProcessing/MarkAsAuthorized/${id}`,
        idempotent: false,
      });
      const itemIds = seeded.items.map((i) => Number(i['id']));
      const order: TwinOrder = {
        key: String(id),
        createdAt: new Date('2026-11-20T10:00:00Z'),
        status: TwinOrderStatus.Processing,
        customer: { email: 'kari@example.no', key: '5' },
        invoiceAddress: { name: 'Kari Nordmann', line1: 'Gata 1', postalCode: '0154', city: 'Oslo', countryCode: 'NO' },
        lines: [
          {
            lineId: String(itemIds[0]),
            kind: TwinOrderLineKind.Product,
            productKey: 'a:1',
            name: 'Sykkel',
            quantity: new Decimal(2),
            unitPrice: new Decimal(100),
            vatRate: new Decimal(25),
            discount: new Decimal(0),
          },
          {
            lineId: String(itemIds[1]),
            kind: TwinOrderLineKind.Product,
            productKey: 'a:2',
            name: 'Hjelm',
            quantity: new Decimal(1),
            unitPrice: new Decimal(50),
            vatRate: new Decimal(25),
            discount: new Decimal(0),
          },
          {
            lineId: '-10',
            kind: TwinOrderLineKind.Freight,
            name: 'Frakt',
            quantity: new Decimal(1),
            unitPrice: new Decimal(99),
            vatRate: new Decimal(25),
            discount: new Decimal(0),
          },
        ],
        payment: { method: 'Payments.SimGateway', captured: new Decimal(0), authorised: new Decimal(349) },
        total: new Decimal(349),
      };
      await gw.db.repos.webOrders.stage(gw.tenantId, [{ shopOrderId: id, record: recordToJson('order', order) }]);
      return { id, itemIds };
    },
    complete: (order, sendId, [first, second] = [2, 1]) =>
      gw.call('updateOrderStatus', {
        ...creds,
        updateOrder: {
          deltaOrderId: order.id,
          orderStatusId: 3,
          sendId,
          orderLines: [
            { orderLineId: order.itemIds[0], amount: first },
            { orderLineId: order.itemIds[1], amount: second },
            { orderLineId: -10, amount: 1 },
          ],
        },
      }),
    capturesOf: (id) => sim.state.orderNotes(id).filter((n) => /has been captured/i.test(String(n['note']))).length,
    async close() {
      await gw.close();
      await admin.close();
      await sim.close();
    },
  };
}
