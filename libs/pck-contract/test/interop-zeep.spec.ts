import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Decimal } from 'decimal.js';
import {
  errorReply,
  ok,
  parseRequest,
  permanentError,
  renderWsdl,
  serializeResponse,
  contentTypeFor,
  type ParsedRequest,
  type UpdateOrderResponse,
  type WebOrdersReturn,
} from '../src';
import { OPERATIONS } from '../src/lib/schema/contract-operations';
import { webOrdersReturnType, orderLineType } from '../src/lib/schema/contract-types';
import { complexTypeOf, type TypeDef } from '../src/lib/schema/schema-builder';
import { normalize, sampleOf, sampleResponse } from './support';

/*
 * Interoperability: python-zeep (Debian package python3-zeep) generates a client from our WSDL
 * and calls a small server built on this library. CI must install python3-zeep; without it this
 * test fails on purpose.
 */
const run = promisify(execFile);
const PYTHON = process.env['PCK_ZEEP_PYTHON'] ?? '/usr/bin/python3';

const orders = sampleOf(webOrdersReturnType, 3) as unknown as WebOrdersReturn;
orders.listWebOrders.forEach((o, i) => {
  o.orderLines = [1, 2, 3].map(
    (n) => sampleOf(orderLineType, 10 * i + n) as unknown as WebOrdersReturn['listWebOrders'][0]['orderLines'][0],
  );
});
const capture = sampleResponse('updateOrderStatus') as UpdateOrderResponse;

let server: Server;
let wsdlUrl = '';
const received: ParsedRequest[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const addr = `http://127.0.0.1:${(server.address() as AddressInfo).port}/WebshopWS`;
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(renderWsdl(addr));
        return;
      }
      const parsed = parseRequest(Buffer.concat(chunks));
      if (!parsed.ok) {
        res.writeHead(parsed.reply.httpStatus, { 'content-type': parsed.reply.contentType }).end(parsed.reply.body);
        return;
      }
      received.push(parsed);
      const ctx = { soapVersion: parsed.soapVersion, namespace: parsed.namespace };
      let body: string;
      switch (parsed.operation) {
        case 'sendArticle':
          body = serializeResponse('sendArticle', ok(parsed.payload.article.articleId), ctx);
          break;
        case 'getOrders':
          body = serializeResponse('getOrders', orders, ctx);
          break;
        case 'updateOrderStatus':
          body = serializeResponse('updateOrderStatus', capture, ctx);
          break;
        default:
          body = errorReply(parsed.operation, permanentError('Ikke støttet'), ctx).body;
      }
      res.writeHead(200, { 'content-type': contentTypeFor(parsed.soapVersion) }).end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  wsdlUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/WebshopWS?wsdl`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

type Py = unknown;
/** Compare what zeep read back with what we sent, field by field, using the schema. */
function expectSame(type: TypeDef<unknown>, expected: Record<string, unknown>, actual: Py, path: string): void {
  const py = actual as Record<string, Py>;
  for (const f of type.fields) {
    const e = expected[f.key];
    const a = py[f.wire];
    const p = `${path}.${f.wire}`;
    if (f.def.array) {
      const list = (e ?? []) as unknown[];
      expect({ p, n: ((a ?? []) as unknown[]).length }).toEqual({ p, n: list.length });
      list.forEach((item, i) => expectValue(f.def.kind, f.def.type, item, (a as Py[])[i], `${p}[${i}]`));
    } else if (e === undefined) expect({ p, a }).toEqual({ p, a: null });
    else expectValue(f.def.kind, f.def.type, e, a, p);
  }
}

function expectValue(kind: string, type: (() => TypeDef<unknown>) | undefined, e: unknown, a: Py, p: string): void {
  if (kind === 'complex') return expectSame(type!(), e as Record<string, unknown>, a, p);
  if (kind === 'decimal') {
    expect({ p, eq: new Decimal((a as { $dec: string }).$dec).eq(e as Decimal) }).toEqual({ p, eq: true });
  } else if (kind === 'dateTime') {
    expect({ p, t: Date.parse((a as { $dt: string }).$dt) }).toEqual({ p, t: (e as Date).getTime() });
  } else expect({ p, a }).toEqual({ p, a: e });
}

describe('interoperability with python-zeep (independent SOAP toolkit)', () => {
  it('zeep generates a client from ?wsdl and round-trips sendArticle, getOrders, updateOrderStatus', async () => {
    try {
      await run(PYTHON, ['-c', 'import zeep']);
    } catch {
      throw new Error(
        `python3-zeep is not installed for ${PYTHON}: run "apt-get install -y python3-zeep" (CI must install it)`,
      );
    }
    const { stdout } = await run(PYTHON, [join(__dirname, 'interop', 'zeep_client.py'), wsdlUrl], { timeout: 60_000 });
    const out = JSON.parse(stdout) as Record<string, Py>;

    // Catalogue call: what zeep sent, as our parser read it.
    const art = received.find((r) => r.operation === 'sendArticle');
    expect(art?.operation).toBe('sendArticle');
    if (art?.operation !== 'sendArticle') return;
    expect(art.payload.login).toBe(4711);
    expect(art.payload.password).toBe('hemmelig');
    expect(normalize(art.payload.article)).toEqual({
      articleId: 42,
      name: 'Sykkel æøå <&>',
      salesPrice: 'D:1299.5',
      vat: 'D:25',
      discount: 'D:999.9',
      discountFrom: 1726470000000,
      discountTo: 1727470000000,
      visibleOnWeb: true,
      eans: ['7070000000001', '7070000000002'],
      articleGroup: { arcileGroupId: 5, groupNumber: 1, name: 'Sykler' },
      alternatives: [],
      stockDetails: [],
      sizeColors: [
        { sizeColorId: 1, stockCount: 3, eans: ['1'], size: { sizeId: 7, name: 'M' }, stockDetails: [] },
        {
          sizeColorId: 2,
          stockCount: 0,
          sizeColorInUse: false,
          eans: [],
          stockDetails: [{ warehouseId: 1, count: 0 }],
        },
      ],
      expectedDeliveryDate: '2024-10-01T12:00:00.000Z',
    });
    expectSame(
      complexTypeOf(OPERATIONS.sendArticle.result),
      ok(42) as unknown as Record<string, unknown>,
      out['sendArticle'],
      'sendArticle',
    );

    // getOrders: two orders with three lines each, every field read back by zeep.
    expect(orders.listWebOrders).toHaveLength(2);
    expectSame(webOrdersReturnType, orders as unknown as Record<string, unknown>, out['getOrders'], 'getOrders');

    // updateOrderStatus: request read by us, response read by zeep.
    const upd = received.find((r) => r.operation === 'updateOrderStatus');
    if (upd?.operation !== 'updateOrderStatus') throw new Error('updateOrderStatus not received');
    expect(normalize(upd.payload.updateOrder)).toEqual({
      deltaOrderId: 1001,
      orderStatusId: 5,
      orderLines: [
        { orderLineId: 1, amount: 2, qty: 'D:2', info: 'Serienr: 1,2' },
        { orderLineId: -10, amount: 1 },
      ],
      sendId: 9,
      packageNo: 'PKG1',
      timestamp: 1726470000001,
    });
    expectSame(
      complexTypeOf(OPERATIONS.updateOrderStatus.result),
      capture as unknown as Record<string, unknown>,
      out['updateOrderStatus'],
      'updateOrderStatus',
    );
  }, 90_000);
});
