import { Decimal } from 'decimal.js';
import { LocalServer, json, startLocalServer } from '../../test/support/local-server';
import { NopErrorCode } from './nop-client-error';
import { PaymentStatus } from './wire-types';
import { WebApiBackendAdapter, pictureContentTag, taggedSeoFilename } from './web-api-backend-adapter';

/** The checked-retry paths of the adapter, with replies lost on purpose (the socket dies after the shop acted). */
describe('WebApiBackendAdapter: no blind retry of non-idempotent calls', () => {
  let srv: LocalServer;
  let adapter: WebApiBackendAdapter;

  beforeEach(async () => {
    srv = await startLocalServer();
    adapter = new WebApiBackendAdapter({
      baseUrl: srv.url,
      credentials: { email: 'api@shop.no', password: 'pw' },
      retry: { maxRetries: 3, initialDelayMs: 5, maxDelayMs: 20 },
    });
  });
  afterEach(async () => {
    await adapter.close();
    await srv.close();
  });

  it('looks the SKU up before retrying a create whose reply was lost', async () => {
    const products: Array<Record<string, unknown>> = [];
    srv.on('GET /api-backend/ProductTemplate/GetAll', (_r, res) => json(res, 200, [{ id: 1, name: 'Simple product' }]));
    srv.on('GET /api-backend/Product/GetProductBySku', (r, res) => {
      const p = products.find((x) => x.sku === r.query.get('sku'));
      return p ? json(res, 200, p) : json(res, 404, `Product sku=${r.query.get('sku')} not found`);
    });
    srv.on('POST /api-backend/Product/Create', (r, res) => {
      products.push({ ...JSON.parse(r.body.toString()), id: products.length + 1 });
      res.socket?.destroy(); // the shop created the row, the reply never arrives
    });
    srv.on('POST /api-backend/UrlRecord/SaveSlug/0/1', (_r, res) => json(res, 200, undefined));
    const r = await adapter.upsertProduct({ sku: 'SHIRT-1', name: 'Shirt', price: new Decimal('199.90') });
    expect(r).toEqual({ id: 1, created: true });
    expect(srv.count('POST /api-backend/Product/Create')).toBe(1);
    expect(products).toHaveLength(1);
    expect(products[0]).toMatchObject({ sku: 'SHIRT-1', price: 199.9, product_type_id: 5, product_template_id: 1 });
    expect(srv.seen.find((s) => s.path.startsWith('/api-backend/UrlRecord/SaveSlug'))!.query.get('slug')).toBe(
      'shirt-shirt-1',
    );
  });

  it('retries a create that failed before the shop acted', async () => {
    let calls = 0;
    srv.on('GET /api-backend/ProductTemplate/GetAll', (_r, res) => json(res, 200, []));
    srv.on('GET /api-backend/Product/GetProductBySku', (_r, res) => json(res, 404, 'not found'));
    srv.on('POST /api-backend/Product/Create', (_r, res) =>
      ++calls === 1 ? json(res, 503, '') : json(res, 200, { id: 9, sku: 'X' }),
    );
    srv.on('POST /api-backend/UrlRecord/SaveSlug/0/9', (_r, res) => json(res, 200, undefined));
    await expect(adapter.upsertProduct({ sku: 'X', name: 'X', price: new Decimal(1) })).resolves.toEqual({
      id: 9,
      created: true,
    });
    expect(calls).toBe(2);
    // The lookup ran between the two attempts.
    const order = srv.seen.map((s) => `${s.method} ${s.path}`).filter((k) => /Create|GetProductBySku/.test(k));
    expect(order).toEqual([
      'GET /api-backend/Product/GetProductBySku',
      'POST /api-backend/Product/Create',
      'GET /api-backend/Product/GetProductBySku',
      'POST /api-backend/Product/Create',
    ]);
  });

  it('a lost reply to a capture never captures twice', async () => {
    const order = {
      id: 5,
      payment_status_id: PaymentStatus.Authorized as number,
      shipping_status_id: 20,
      order_total: 100,
      refunded_amount: 0,
    };
    const shipment = { id: 11, order_id: 5, tracking_number: 'TRK1', shipped_date_utc: null as string | null };
    let captures = 0;
    srv.on('GET /api-backend/Order/GetById/5', (_r, res) => json(res, 200, order));
    srv.on('GET /api-backend/Shipment/GetByOrderId/5', (_r, res) => json(res, 200, [shipment]));
    srv.on('GET /api-backend/Shipment/GetById/11', (_r, res) => json(res, 200, shipment));
    srv.on('GET /api-backend/ShipmentItem/GetByShipmentId/11', (_r, res) =>
      json(res, 200, [{ id: 1, shipment_id: 11, order_item_id: 3, quantity: 1 }]),
    );
    srv.on('GET /api-backend/OrderProcessing/Ship/11', (_r, res) => {
      shipment.shipped_date_utc = '2025-11-28T10:00:00';
      order.shipping_status_id = 30;
      json(res, 200, undefined);
    });
    srv.on('GET /api-backend/OrderProcessing/CanCapture/5', (_r, res) =>
      json(res, 200, order.payment_status_id === PaymentStatus.Authorized),
    );
    srv.on('GET /api-backend/OrderProcessing/Capture/5', (_r, res) => {
      captures++;
      order.payment_status_id = PaymentStatus.Paid;
      res.socket?.destroy();
    });
    const r = await adapter.shipAndCapture(5, { trackingNumber: 'TRK1' });
    expect(captures).toBe(1);
    expect(r).toMatchObject({ shipmentId: 11, shipped: true, captured: true, paymentStatusId: PaymentStatus.Paid });
    expect(srv.count('GET /api-backend/OrderProcessing/Ship/11')).toBe(1);
  });

  it('a lost reply to a partial refund never refunds twice', async () => {
    const order = { id: 6, payment_status_id: PaymentStatus.Paid as number, order_total: 100, refunded_amount: 0 };
    let refunds = 0;
    srv.on('GET /api-backend/Order/GetById/6', (_r, res) => json(res, 200, order));
    srv.on('GET /api-backend/OrderProcessing/CanPartiallyRefundOffline/6', (_r, res) => json(res, 200, true));
    srv.on('GET /api-backend/OrderProcessing/PartiallyRefundOffline/6', (r, res) => {
      refunds++;
      order.refunded_amount += Number(r.query.get('amountToRefund'));
      order.payment_status_id = PaymentStatus.PartiallyRefunded;
      res.socket?.destroy();
    });
    const r = await adapter.refund(6, { amount: new Decimal('12.5') });
    expect(refunds).toBe(1);
    expect(r.refundedAmount.toString()).toBe('12.5');
    expect(r.paymentStatusId).toBe(PaymentStatus.PartiallyRefunded);
  });

  it('reports OutcomeUnknown when a create reply is lost and the shop cannot be re-read', async () => {
    let lookups = 0;
    let creates = 0;
    srv.on('GET /api-backend/ProductTemplate/GetAll', (_r, res) => json(res, 200, []));
    // The first lookup (before creating) answers; every re-read after the lost reply fails.
    srv.on('GET /api-backend/Product/GetProductBySku', (_r, res) =>
      ++lookups === 1 ? json(res, 404, 'not found') : json(res, 500, { message: 'deadlock' }),
    );
    srv.on('POST /api-backend/Product/Create', (_r, res) => {
      creates++;
      res.socket?.destroy();
    });
    const err = await adapter.upsertProduct({ sku: 'U', name: 'U', price: new Decimal(1) }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: NopErrorCode.OutcomeUnknown,
      type: 'business',
      method: 'POST',
      path: '/api-backend/Product/Create',
    });
    expect(creates).toBe(1);
  });

  it('reports OutcomeUnknown when a capture keeps failing with 500s (each one may have captured)', async () => {
    const order = { id: 8, payment_status_id: PaymentStatus.Authorized as number, order_total: 10, refunded_amount: 0 };
    srv.on('GET /api-backend/Order/GetById/8', (_r, res) => json(res, 200, order));
    srv.on('GET /api-backend/Shipment/GetByOrderId/8', (_r, res) =>
      json(res, 200, [{ id: 12, order_id: 8, tracking_number: 'T', shipped_date_utc: '2025-11-28T10:00:00' }]),
    );
    srv.on('GET /api-backend/ShipmentItem/GetByShipmentId/12', (_r, res) =>
      json(res, 200, [{ id: 1, shipment_id: 12, order_item_id: 3, quantity: 1 }]),
    );
    srv.on('GET /api-backend/OrderProcessing/CanCapture/8', (_r, res) => json(res, 200, true));
    srv.on('GET /api-backend/OrderProcessing/Capture/8', (_r, res) =>
      json(res, 500, { message: 'Transaction was deadlocked' }),
    );
    await expect(adapter.shipAndCapture(8, { trackingNumber: 'T' })).rejects.toMatchObject({
      code: NopErrorCode.OutcomeUnknown,
      status: 500,
    });
    // One attempt plus maxRetries, each after re-reading the order.
    expect(srv.count('GET /api-backend/OrderProcessing/Capture/8')).toBe(4);
  });

  it('a non-idempotent call that only ever met the rate limiter (503) did not act: no OutcomeUnknown', async () => {
    srv.on('GET /api-backend/ProductTemplate/GetAll', (_r, res) => json(res, 200, []));
    srv.on('GET /api-backend/Product/GetProductBySku', (_r, res) => json(res, 404, 'not found'));
    srv.on('POST /api-backend/Product/Create', (_r, res) => json(res, 503, ''));
    await expect(adapter.upsertProduct({ sku: 'R', name: 'R', price: new Decimal(1) })).rejects.toMatchObject({
      code: NopErrorCode.RateLimited,
    });
  });

  it('refuses a refund the shop says it cannot do', async () => {
    srv.on('GET /api-backend/Order/GetById/7', (_r, res) =>
      json(res, 200, { id: 7, order_total: 10, refunded_amount: 0 }),
    );
    srv.on('GET /api-backend/OrderProcessing/CanRefundOffline/7', (_r, res) => json(res, 200, false));
    await expect(adapter.refund(7)).rejects.toMatchObject({ code: NopErrorCode.OperationRejected });
    expect(srv.count('GET /api-backend/OrderProcessing/RefundOffline/7')).toBe(0);
  });

  it.each([
    ['v4.60.00', 'application/json'],
    ['v4.70.1', 'multipart/form-data'],
    ['v4.80.1', 'multipart/form-data'],
  ])('uploads pictures in the body format of %s', async (version, contentType) => {
    srv.on('GET /swagger-backend/CommonInfo/GetSwaggerDocVersion', (_r, res) => json(res, 200, version));
    srv.on('PUT /api-backend/Picture/InsertPicture', (_r, res) => json(res, 200, { id: 3, mime_type: 'image/png' }));
    srv.on('GET /api-backend/Picture/GetByProductId/2', (_r, res) => json(res, 200, []));
    srv.on('GET /api-backend/Picture/GetPictures', (_r, res) =>
      json(res, 200, { items: [], page_index: 0, page_size: 1 }),
    );
    srv.on('GET /api-backend/ProductPictures/GetProductPicturesByProductId/2', (_r, res) => json(res, 200, []));
    srv.on('POST /api-backend/ProductPictures/Create', (_r, res) =>
      json(res, 200, { id: 4, product_id: 2, picture_id: 3 }),
    );
    const bytes = new Uint8Array([137, 80, 78, 71]);
    await expect(adapter.uploadPicture(2, { bytes, mimeType: 'image/png', seoFilename: 'red-shirt' })).resolves.toEqual(
      { pictureId: 3, productPictureId: 4 },
    );
    const put = srv.seen.find((s) => s.method === 'PUT')!;
    expect(put.headers['content-type']).toContain(contentType);
    expect(put.query.get('mimeType')).toBe('image/png');
    expect(put.query.get('seoFilename')).toBe(`red-shirt-${pictureContentTag(bytes)}`);
    if (contentType === 'application/json')
      expect(JSON.parse(put.body.toString())).toBe(Buffer.from(bytes).toString('base64'));
    else expect(put.body.toString('latin1')).toContain('name="fileBinary"');
  });

  describe('a lost picture upload reply', () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const lostInsert = (): { inserts: () => number } => {
      let n = 0;
      srv.on('GET /swagger-backend/CommonInfo/GetSwaggerDocVersion', (_r, res) => json(res, 200, 'v4.70.1'));
      srv.on('GET /api-backend/Picture/GetByProductId/2', (_r, res) => json(res, 200, []));
      srv.on('PUT /api-backend/Picture/InsertPicture', (_r, res) => {
        n++;
        res.socket?.destroy();
      });
      return { inserts: () => n };
    };

    it('is never re-inserted blindly when the shop cannot list pictures (no GetPictures): OutcomeUnknown', async () => {
      const { inserts } = lostInsert();
      srv.on('GET /api-backend/Picture/GetPictures', (_r, res) => json(res, 404, ''));
      await expect(adapter.uploadPicture(2, { bytes, mimeType: 'image/png', seoFilename: 'p' })).rejects.toMatchObject({
        code: NopErrorCode.OutcomeUnknown,
      });
      expect(inserts()).toBe(1);
    });

    it('is never re-inserted blindly when filename tagging is off: OutcomeUnknown', async () => {
      const untagged = new WebApiBackendAdapter({
        baseUrl: srv.url,
        credentials: { email: 'a@b.no', password: 'pw' },
        retry: { maxRetries: 3, initialDelayMs: 5, maxDelayMs: 20 },
        tagPictureFilenames: false,
      });
      const { inserts } = lostInsert();
      try {
        await expect(
          untagged.uploadPicture(2, { bytes, mimeType: 'image/png', seoFilename: 'p' }),
        ).rejects.toMatchObject({ code: NopErrorCode.OutcomeUnknown });
        expect(srv.seen.find((s) => s.method === 'PUT')!.query.get('seoFilename')).toBe('p');
      } finally {
        await untagged.close();
      }
      expect(inserts()).toBe(1);
    });

    it('is re-inserted only after the newest pictures show it did not land', async () => {
      let inserts = 0;
      srv.on('GET /swagger-backend/CommonInfo/GetSwaggerDocVersion', (_r, res) => json(res, 200, 'v4.70.1'));
      srv.on('GET /api-backend/Picture/GetByProductId/2', (_r, res) => json(res, 200, []));
      // id 40 is older than the upload; 41 arrived meanwhile from someone else (other bytes).
      let pictures = [{ id: 40, seo_filename: 'old', mime_type: 'image/png' }];
      srv.on('GET /api-backend/Picture/GetPictures', (r, res) =>
        json(res, 200, { items: pictures.slice(0, Number(r.query.get('pageSize'))), page_index: 0 }),
      );
      srv.on('PUT /api-backend/Picture/InsertPicture', (_r, res) => {
        if (++inserts === 1) {
          pictures = [{ id: 41, seo_filename: 'p-0000000000000000', mime_type: 'image/png' }, ...pictures];
          return json(res, 503, '');
        }
        json(res, 200, {
          id: 42,
          seo_filename: taggedSeoFilename('p', pictureContentTag(bytes)),
          mime_type: 'image/png',
        });
      });
      srv.on('GET /api-backend/ProductPictures/GetProductPicturesByProductId/2', (_r, res) => json(res, 200, []));
      srv.on('POST /api-backend/ProductPictures/Create', (_r, res) =>
        json(res, 200, { id: 7, product_id: 2, picture_id: 42 }),
      );
      await expect(adapter.uploadPicture(2, { bytes, mimeType: 'image/png', seoFilename: 'p' })).resolves.toEqual({
        pictureId: 42,
        productPictureId: 7,
      });
      expect(inserts).toBe(2);
    });
  });
});
