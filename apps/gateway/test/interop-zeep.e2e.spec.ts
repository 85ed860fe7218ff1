import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Decimal } from 'decimal.js';
import { recordToJson, TwinOrderLineKind, TwinOrderStatus } from '@pcknop/twinxml';
import { LOGIN, PASSWORD, startGateway, type RunningGateway } from './support';

/*
 * Interoperability: python-zeep (Debian package python3-zeep, for /usr/bin/python3) generates a client from the
 * running gateway's ?wsdl and calls it. Without python3-zeep this test fails on purpose (CI must install it).
 */
const run = promisify(execFile);
const PYTHON = process.env['PCK_ZEEP_PYTHON'] ?? '/usr/bin/python3';

describe('an independent SOAP toolkit (python-zeep) against the running gateway', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
    await gw.db.repos.webOrders.stage(gw.tenantId, [
      {
        shopOrderId: 31,
        record: recordToJson('order', {
          key: '31',
          createdAt: new Date('2026-11-20T10:00:00Z'),
          status: TwinOrderStatus.Processing,
          customer: { email: 'kari@example.no' },
          invoiceAddress: { name: 'Kari', line1: 'Gata 1', postalCode: '0154', city: 'Oslo', countryCode: 'NO' },
          lines: [
            {
              lineId: '311',
              kind: TwinOrderLineKind.Product,
              productKey: 'a:4242',
              name: 'Sykkel',
              quantity: new Decimal(1),
              unitPrice: new Decimal('1299.5'),
              vatRate: new Decimal(25),
              discount: new Decimal(0),
            },
          ],
          payment: { method: 'Payments.Vipps', captured: new Decimal(0) },
          total: new Decimal('1299.5'),
        }),
      },
    ]);
  });
  afterAll(() => gw.close());

  it('zeep builds a client from ?wsdl; catalogue, orders, status and auth errors round-trip', async () => {
    try {
      await run(PYTHON, ['-c', 'import zeep']);
    } catch {
      throw new Error(
        `python3-zeep is not installed for ${PYTHON}: run "apt-get install -y python3-zeep" (CI must install it)`,
      );
    }
    const { stdout } = await run(
      PYTHON,
      [join(__dirname, 'interop', 'zeep_gateway_client.py'), `${gw.soapUrl}?wsdl`, String(LOGIN), PASSWORD],
      { timeout: 60_000 },
    );
    const out = JSON.parse(stdout) as Record<string, Record<string, unknown>>;
    expect(out['sendArticle']).toMatchObject({ operationResult: 0, deltaId: 4242 });
    expect(out['sendArticleStale']).toMatchObject({ operationResult: 0 });
    expect(out['updateStockCount']).toMatchObject({ operationResult: 0 });
    expect(out['sendImage']).toMatchObject({ operationResult: 0 });
    expect(out['removeAricle']).toMatchObject({ operationResult: 0 });
    const product = (await gw.db.repos.entities.get(gw.tenantId, 'product', ['a:4242']))[0];
    expect(product).toMatchObject({
      pckTimestamp: 1726470000000n,
      record: expect.objectContaining({ name: 'Sykkel æøå <&>', price: '1299.5000' }),
    });

    const orders = out['getOrders'] as {
      insertUpdate: { operationResult: number };
      listWebOrders: Array<Record<string, unknown>>;
    };
    expect(orders.insertUpdate.operationResult).toBe(0);
    expect(orders.listWebOrders).toHaveLength(1);
    expect(orders.listWebOrders[0]).toMatchObject({ deltaOrderId: 31, contactName: 'Kari', paymentMethod: 1 });
    expect((orders.listWebOrders[0]['orderLines'] as Array<Record<string, unknown>>)[0]).toMatchObject({
      articleId: 4242,
      orderLineId: 311,
      count: 1,
      price: '1299.5',
    });
    expect((out['updateOrderStatus']['insertUpdate'] as { operationResult: number }).operationResult).toBe(0);
    expect(await gw.db.repos.webOrders.get(gw.tenantId, 31)).toMatchObject({ state: 'transferred' });
    expect(out['getStatus']).toMatchObject({ operationResult: 0, orders: 0 });
    expect(out['wrongPassword']).toMatchObject({ operationResult: 1, message: expect.stringMatching(/passord/) });
  }, 90_000);
});
