// Every ShopAdapter helper against nop-sim with injected faults: (a) the shop acts and the reply is lost (500 or a
// dropped connection after the write, `errorPhase: 'after'`) on each non-idempotent call the helper makes, and
// (b) random 5xx, 503 bursts and resets on every call. Each run asserts the intended end state and no duplicates.
import { Decimal } from 'decimal.js';
// Test-only use of the simulator (see web-api-backend-adapter.sim.spec.ts).
import { NopSim, startNopSim } from '@pcknop/nop-sim';
import { RecordingProxy, startRecordingProxy } from './support/recording-proxy';
import { RequestContract } from './support/request-contract';
import { PaymentStatus, ShippingStatus, WebApiBackendAdapter } from '../src';

const EMAIL = 'api@shop.no';
const PASSWORD = 'Api-Passw0rd';

type Row = Record<string, unknown>;
interface Ctx {
  sim: NopSim;
  shop: WebApiBackendAdapter;
}
interface Scenario {
  name: string;
  /** Substrings of the non-idempotent calls the helper makes (the sim's `pathFilter`). */
  lostReplyPaths: string[];
  /** Runs the helper(s) and asserts the end state. */
  run(ctx: Ctx): Promise<void>;
}

const rows = (
  sim: NopSim,
  table: Parameters<NopSim['state']['list']>[0],
  where: (r: Row) => boolean = () => true,
): Row[] => sim.state.list(table).filter(where);
const unique = <T>(xs: T[]): boolean => new Set(xs).size === xs.length;
const png = (n: number): Uint8Array =>
  new Uint8Array(Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from([n, n + 1, n + 2])]));

const scenarios: Scenario[] = [
  {
    name: 'product create',
    lostReplyPaths: ['/Product/Create'],
    async run({ sim, shop }) {
      const r = await shop.upsertProduct({ sku: 'P-1', name: 'P', price: new Decimal('10.5') });
      expect(sim.state.productsBySku('P-1')).toEqual([expect.objectContaining({ id: r.id, price: 10.5 })]);
    },
  },
  {
    name: 'variants (colour × size combinations)',
    lostReplyPaths: [
      '/ProductAttribute/Create',
      '/ProductAttributeMapping/Create',
      '/ProductAttributeValue/Create',
      '/ProductAttributeCombination/Create',
    ],
    async run({ sim, shop }) {
      const { id } = await shop.upsertProduct({
        sku: 'V',
        name: 'V',
        price: new Decimal(100),
        stockTracking: 'variants',
      });
      const out = await shop.upsertVariants(id, [
        { sku: 'V-RED-M', colour: 'Red', size: 'M', stockQuantity: 2 },
        { sku: 'V-RED-L', colour: 'Red', size: 'L', stockQuantity: 1 },
        { sku: 'V-BLUE-M', colour: 'Blue', size: 'M', stockQuantity: 3 },
      ]);
      const combos = sim.state.combinations(id);
      expect(combos.map((c) => c.sku).sort()).toEqual(['V-BLUE-M', 'V-RED-L', 'V-RED-M']);
      expect(combos.map((c) => c.id).sort()).toEqual(out.map((v) => v.combinationId).sort());
      expect(unique(combos.map((c) => c.attributes_xml))).toBe(true);
      expect(unique(rows(sim, 'productAttributes').map((a) => String(a.name).toLowerCase()))).toBe(true);
      const mappings = rows(sim, 'attributeMappings', (m) => m.product_id === id);
      expect(mappings).toHaveLength(2);
      const values = rows(sim, 'attributeValues', (v) => mappings.some((m) => m.id === v.product_attribute_mapping_id));
      expect(values.map((v) => v.name).sort()).toEqual(['Blue', 'L', 'M', 'Red']);
      expect(sim.state.product(id)).toMatchObject({ manage_inventory_method_id: 2 });
    },
  },
  {
    name: 'categories and product–category mappings',
    lostReplyPaths: ['/Category/Create', '/ProductCategory/Create'],
    async run({ sim, shop }) {
      const { id } = await shop.upsertProduct({ sku: 'C', name: 'C', price: new Decimal(1) });
      const root = await shop.upsertCategory({ name: 'Klær' });
      const child = await shop.upsertCategory({ name: 'Skjorter', parentId: root.id });
      await shop.setProductCategories(id, [root.id, child.id]);
      expect(
        rows(sim, 'categories', (c) => !c.deleted)
          .map((c) => c.name)
          .sort(),
      ).toEqual(['Klær', 'Skjorter']);
      expect(
        rows(sim, 'productCategories', (m) => m.product_id === id)
          .map((m) => m.category_id)
          .sort(),
      ).toEqual([root.id, child.id].sort());
    },
  },
  {
    name: 'manufacturers and product–manufacturer mappings',
    lostReplyPaths: ['/Manufacturer/Create', '/ProductManufacturer/Create'],
    async run({ sim, shop }) {
      const { id } = await shop.upsertProduct({ sku: 'M', name: 'M', price: new Decimal(1) });
      const a = await shop.upsertManufacturer({ name: 'Acme' });
      const b = await shop.upsertManufacturer({ name: 'Bolt' });
      await shop.setProductManufacturers(id, [a.id, b.id]);
      expect(
        rows(sim, 'manufacturers', (m) => !m.deleted)
          .map((m) => m.name)
          .sort(),
      ).toEqual(['Acme', 'Bolt']);
      expect(
        rows(sim, 'productManufacturers', (m) => m.product_id === id)
          .map((m) => m.manufacturer_id)
          .sort(),
      ).toEqual([a.id, b.id].sort());
    },
  },
  {
    name: 'offer price (dated tier price)',
    lostReplyPaths: ['/TierPrices/Create', '/UpdateHasTierPricesProperty'],
    async run({ sim, shop }) {
      const { id } = await shop.upsertProduct({ sku: 'O', name: 'O', price: new Decimal(200) });
      const now = sim.clock.now().getTime();
      const r = await shop.setOfferPrice(id, {
        price: new Decimal('149.5'),
        startUtc: new Date(now - 3600_000),
        endUtc: new Date(now + 86400_000),
      });
      expect(rows(sim, 'tierPrices', (t) => t.product_id === id)).toEqual([
        expect.objectContaining({ id: r.id, price: 149.5, quantity: 1 }),
      ]);
      expect(sim.state.product(id)).toMatchObject({ has_tier_prices: true });
      expect(new Decimal(sim.state.finalPrice({ productId: id })).equals('149.5')).toBe(true);
    },
  },
  {
    name: 'shipment with items, ship and deliver',
    lostReplyPaths: ['/Shipment/Create', '/ShipmentItem/Create', '/OrderProcessing/Ship/', '/OrderProcessing/Deliver/'],
    async run({ sim, shop }) {
      await shop.upsertProduct({ sku: 'S-A', name: 'A', price: new Decimal(10) });
      await shop.upsertProduct({ sku: 'S-B', name: 'B', price: new Decimal(20) });
      const { order } = sim.state.seedOrder({
        items: [
          { sku: 'S-A', quantity: 2, unitPrice: 10 },
          { sku: 'S-B', quantity: 1, unitPrice: 20 },
        ],
      });
      const orderId = order.id as number;
      const r = await shop.shipAndCapture(orderId, { trackingNumber: 'TRK-9', deliver: true });
      expect(r).toMatchObject({ shipped: true, delivered: true, shippingStatusId: ShippingStatus.Delivered });
      const shipments = rows(sim, 'shipments', (s) => s.order_id === orderId);
      expect(shipments).toEqual([expect.objectContaining({ id: r.shipmentId, tracking_number: 'TRK-9' })]);
      expect(shipments[0]!.shipped_date_utc).toBeTruthy();
      expect(shipments[0]!.delivery_date_utc).toBeTruthy();
      const items = rows(sim, 'shipmentItems', (i) => i.shipment_id === r.shipmentId);
      expect(items).toHaveLength(2);
      expect(unique(items.map((i) => i.order_item_id))).toBe(true);
      expect(items.map((i) => i.quantity).sort()).toEqual([1, 2]);
    },
  },
  {
    name: 'capture and partial refund',
    lostReplyPaths: ['/OrderProcessing/Capture/', '/OrderProcessing/PartiallyRefundOffline/'],
    async run({ sim, shop }) {
      await shop.upsertProduct({ sku: 'CR', name: 'CR', price: new Decimal(50) });
      const { order } = sim.state.seedOrder({
        items: [{ sku: 'CR', quantity: 1, unitPrice: 50 }],
        paid: false,
        paymentMethodSystemName: 'Payments.SimGateway',
      });
      const orderId = order.id as number;
      await shop.client.http.send({
        method: 'GET',
        path: `/api-backend/OrderProcessing/MarkAsAuthorized/${orderId}`,
        idempotent: true,
      });
      expect(await shop.shipAndCapture(orderId, { trackingNumber: 'CR-1' })).toMatchObject({
        captured: true,
        paymentStatusId: PaymentStatus.Paid,
      });
      const r = await shop.refund(orderId, { amount: new Decimal('12.25') });
      expect(r.refundedAmount.toString()).toBe('12.25');
      expect(sim.state.orders().find((o) => o.id === orderId)).toMatchObject({
        refunded_amount: 12.25,
        payment_status_id: PaymentStatus.PartiallyRefunded,
      });
    },
  },
  {
    name: 'customers (create, register with password, Registered role)',
    lostReplyPaths: ['/Customer/Create', '/RegisterCustomer/', '/AddCustomerRoleMapping'],
    async run({ sim, shop }) {
      const a = await shop.upsertCustomer({ email: 'ola@example.no', firstName: 'Ola', password: 'Secret-123' });
      const b = await shop.upsertCustomer({ email: 'kari@example.no', firstName: 'Kari' });
      for (const [email, id] of [
        ['ola@example.no', a.id],
        ['kari@example.no', b.id],
      ] as const) {
        expect(sim.state.customers().filter((c) => c.email === email && !c.deleted)).toEqual([
          expect.objectContaining({ id }),
        ]);
      }
      // No half-made customers left behind by a lost create reply.
      expect(sim.state.customers().filter((c) => !c.email && !c.is_system_account && c.id !== 1)).toEqual([]);
      const registered = rows(sim, 'customerRoles').find((r) => r.system_name === 'Registered')!;
      for (const id of [a.id, b.id]) {
        expect(
          rows(sim, 'customerRoleMappings', (m) => m.customer_id === id && m.customer_role_id === registered.id),
        ).toHaveLength(1);
      }
    },
  },
  {
    name: 'pictures and product–picture mappings',
    lostReplyPaths: ['/Picture/InsertPicture', '/ProductPictures/Create'],
    async run({ sim, shop }) {
      const { id } = await shop.upsertProduct({ sku: 'PIC', name: 'Pic', price: new Decimal(1) });
      const one = await shop.uploadPicture(id, { bytes: png(1), mimeType: 'image/png', seoFilename: 'pic-1' });
      const two = await shop.uploadPicture(id, {
        bytes: png(2),
        mimeType: 'image/png',
        seoFilename: 'pic-2',
        displayOrder: 2,
      });
      expect(
        sim.state
          .pictures()
          .map((p) => p.id)
          .sort(),
      ).toEqual([one.pictureId, two.pictureId].sort());
      const mappings = rows(sim, 'productPictures', (m) => m.product_id === id);
      expect(mappings.map((m) => m.picture_id).sort()).toEqual([one.pictureId, two.pictureId].sort());
      expect(Buffer.from(sim.state.pictureBinary(two.pictureId)!).equals(Buffer.from(png(2)))).toBe(true);
    },
  },
  {
    name: 'product row (as the mapping decides it) and an order note, once',
    lostReplyPaths: ['/Product/Create', '/OrderNote/Create'],
    async run({ sim, shop }) {
      const r = await shop.saveProduct({ sku: 'N-1', name: 'N', price: 12, published: true });
      expect(sim.state.productsBySku('N-1')).toEqual([expect.objectContaining({ id: r.id, price: 12 })]);
      const { order } = sim.state.seedOrder({ items: [{ sku: 'N-1', quantity: 1, unitPrice: 12 }] });
      const note = 'Sporing: https://spor.example.no/N-1';
      await shop.addOrderNote(order.id as number, note, true);
      await shop.addOrderNote(order.id as number, note, true);
      expect(sim.state.orderNotes(order.id as number).filter((n) => n.note === note)).toEqual([
        expect.objectContaining({ display_to_customer: true }),
      ]);
    },
  },
  {
    name: 'offer as dated tier prices (replaceOfferTierPrices)',
    lostReplyPaths: ['/TierPrices/Create', '/UpdateHasTierPricesProperty'],
    async run({ sim, shop }) {
      const { id } = await shop.saveProduct({ sku: 'T', name: 'T', price: 200, published: true });
      const now = sim.clock.now().getTime();
      const tier = {
        store_id: 0,
        customer_role_id: null,
        quantity: 1,
        price: 149.5,
        start_date_time_utc: new Date(now - 3600_000).toISOString(),
        end_date_time_utc: new Date(now + 86400_000).toISOString(),
      };
      await shop.replaceOfferTierPrices(id, [tier]);
      expect(rows(sim, 'tierPrices', (t) => t.product_id === id)).toEqual([
        expect.objectContaining({ price: 149.5, quantity: 1 }),
      ]);
      expect(sim.state.product(id)).toMatchObject({ has_tier_prices: true });
    },
  },
  {
    name: 'a picture shown on a variant product and on a combination (4.70: its own row)',
    lostReplyPaths: ['/ProductPictures/Create', '/ProductAttributeCombinationPictures/Create'],
    async run({ sim, shop }) {
      const parent = await shop.saveProduct({ sku: 'AP', name: 'AP', price: 10, published: true });
      const child = await shop.saveProduct({
        sku: 'AP-RED',
        name: 'AP red',
        price: 10,
        published: true,
        parent_grouped_product_id: parent.id,
        visible_individually: false,
      });
      const [combo] = await shop.upsertVariants(parent.id, [{ sku: 'AP-RED-M', colour: 'Red', size: 'M' }]);
      const pic = await shop.uploadPicture(parent.id, { bytes: png(5), mimeType: 'image/png', seoFilename: 'ap-red' });
      const onChild = await shop.attachPicture(pic.pictureId, { productId: child.id });
      const onCombo = await shop.attachPicture(pic.pictureId, { combinationId: combo.combinationId });
      // Again: found, nothing mapped twice.
      expect(await shop.attachPicture(pic.pictureId, { productId: child.id })).toEqual(onChild);
      expect(await shop.attachPicture(pic.pictureId, { combinationId: combo.combinationId })).toEqual(onCombo);
      expect(rows(sim, 'productPictures', (m) => m.product_id === child.id)).toEqual([
        expect.objectContaining({ id: onChild?.productPictureId, picture_id: pic.pictureId }),
      ]);
      expect(
        rows(sim, 'combinationPictures', (m) => m.product_attribute_combination_id === combo.combinationId),
      ).toEqual([expect.objectContaining({ id: onCombo?.combinationPictureId, picture_id: pic.pictureId })]);
    },
  },
];

describe('every helper against nop-sim with injected faults', () => {
  let sim: NopSim;
  let shop: WebApiBackendAdapter;
  let proxy: RecordingProxy;

  async function start(seed: number): Promise<void> {
    sim = await startNopSim({
      port: 0,
      adminEmail: EMAIL,
      adminPassword: PASSWORD,
      version: '4.70',
      seed,
      logLevel: 'silent',
    } as Parameters<typeof startNopSim>[0]);
    proxy = await startRecordingProxy(sim.url);
    shop = new WebApiBackendAdapter({
      baseUrl: proxy.url,
      credentials: { email: EMAIL, password: PASSWORD },
      retry: { maxRetries: 6, initialDelayMs: 1, maxDelayMs: 5 },
      circuitBreaker: { consecutiveFailures: 1000 },
    });
  }
  afterEach(async () => {
    await shop.close();
    await proxy.close();
    await sim.close();
    expect(new RequestContract('4.70').checkAll(proxy.exchanges)).toEqual([]);
  });

  const lostReplyCases = scenarios.flatMap((s) =>
    s.lostReplyPaths.flatMap((path) => (['error', 'reset'] as const).map((kind) => [s.name, path, kind, s] as const)),
  );

  it.each(lostReplyCases)(
    '%s: the shop acts on %s, then the reply is lost (%s)',
    async (_name, path, kind, scenario) => {
      await start(11);
      const hit = (p: string): boolean => p.toLowerCase().includes(path.toLowerCase());
      sim.faults.set({ [kind === 'error' ? 'errorRate' : 'resetRate']: 1, errorPhase: 'after', pathFilter: path });
      // Lift the fault the moment the lost reply passes the proxy, before the client can retry.
      proxy.onExchange = (x) => {
        if (hit(x.path) && (x.status === 'reset' || x.status === 500)) sim.faults.set({ errorRate: 0, resetRate: 0 });
      };
      await scenario.run({ sim, shop });
      expect(sim.faults.injected()[kind]).toBe(1);
      // Exactly one lost reply passed the proxy: the fault hit the call it was meant for.
      expect(proxy.exchanges.filter((x) => hit(x.path) && (x.status === 'reset' || x.status === 500))).toHaveLength(1);
    },
  );

  it.each(scenarios.flatMap((s) => (['before', 'after'] as const).map((phase) => [s.name, phase, s] as const)))(
    '%s: random 500s, resets and 503 bursts (%s the write) on every call',
    async (_name, phase, scenario) => {
      await start(phase === 'before' ? 21 : 22);
      sim.faults.set({ errorRate: 0.15, resetRate: 0.05, errorPhase: phase, burst503: 2 });
      await scenario.run({ sim, shop });
      const injected = sim.faults.injected();
      expect(injected.error + injected.reset + injected.rate503).toBeGreaterThan(2);
    },
  );
});
