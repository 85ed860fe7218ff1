import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { decodeTwinXml, recordToJson } from '@pcknop/twinxml';
import { ADMIN_TOKEN, article, creds, startGateway, type RunningGateway } from './support';
import { documentXml, headerXml, productXml, stockXml, trailerXml } from './twinxml-doc';

jest.setTimeout(300_000);

const root = resolve(__dirname, '../../..');

describe('TwinXML in and out (/twinxml/v1)', () => {
  let gw: RunningGateway;
  let token: string;
  let sourceId: string;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  const staged = async (kind: string, key: string) => (await gw.db.repos.entities.get(gw.tenantId, kind, [key]))[0];
  const admin = async (method: string, path: string, body?: unknown, auth = `Bearer ${ADMIN_TOKEN}`) => {
    const res = await fetch(`${gw.url}/admin${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const post = async (xml: string | Buffer, headers: Record<string, string> = {}) => {
    const res = await fetch(`${gw.url}/twinxml/v1/documents`, {
      method: 'POST',
      body: xml,
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}`, ...headers },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it("a second source feeds stock for a PCK tenant: PCK's stock calls are then answered 0 and not staged", async () => {
    // Before the source exists, PCK owns stock.
    await gw.call('sendArticle', { ...creds, article: article(100, 1000) });
    expect(
      (
        await gw.call('updateStockCount', {
          ...creds,
          updateStock: { articleId: 100, count: 3, stockDetails: [], timestamp: 1100 },
        })
      ).result.operationResult,
    ).toBe(0);
    expect((await staged('stock', 'a:100||total')).record).toMatchObject({ onHand: '3.000' });

    // The operator creates the source (the token is shown once); PCK's calls see the new ownership at once.
    const res = await admin('POST', `/tenants/${gw.tenantId}/twinxml-sources`, { name: 'lager', owns: ['stock'] });
    expect(res.status).toBe(201);
    const created = res.body as { token: string; source: { id: string; owns: string[] } };
    expect(created.source.owns).toEqual(['stock']);
    token = created.token;
    sourceId = created.source.id;

    // PCK's stock for the article is now ignored (answered 0 so its queue drains); its product data still stages.
    const pckStock = await gw.call('updateStockCount', {
      ...creds,
      updateStock: { articleId: 100, count: 1, stockDetails: [], timestamp: 1200 },
    });
    expect(pckStock.result.operationResult).toBe(0);
    expect((await staged('stock', 'a:100||total')).record).toMatchObject({ onHand: '3.000' });
    await gw.call('sendArticle', { ...creds, article: article(100, 1300, { name: 'Nytt navn', stockCount: 99 }) });
    expect((await staged('product', 'a:100')).record).toMatchObject({ name: 'Nytt navn' });
    expect((await staged('stock', 'a:100||total')).record).toMatchObject({ onHand: '3.000' });

    // The source's stock is staged; the product it sent (PCK owns products) is refused with its path.
    const { status, body } = await post(
      documentXml({
        batchId: 'lager-1',
        createdAt: '2026-12-01T10:00:00.000Z',
        products: [productXml('a:100', 'Fra lager')],
        stock: [stockXml('a:100', '42')],
      }),
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      batchId: 'lager-1',
      source: 'lager',
      duplicate: false,
      accepted: 1,
      refused: 1,
      acceptedByKind: { stock: 1 },
      staged: { created: 0, updated: 1, unchanged: 0, stale: 0 },
      refusedRecords: [
        {
          path: '/TwinXML/Products/Product[1]',
          kind: 'product',
          key: 'a:100',
          reason: expect.stringContaining('does not own product'),
        },
      ],
    });
    expect((await staged('stock', 'a:100||total')).record).toMatchObject({ onHand: '42.000' });
    expect((await staged('product', 'a:100')).record).toMatchObject({ name: 'Nytt navn' });
  });

  it('answers a repeated document (same BatchId) from the stored answer and stages nothing again', async () => {
    const before = await staged('stock', 'a:100||total');
    const again = await post(documentXml({ batchId: 'lager-1', stock: [stockXml('a:100', '1')] }));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ batchId: 'lager-1', duplicate: true, accepted: 1, refused: 1 });
    const after = await staged('stock', 'a:100||total');
    expect(after.dirtyVersion).toBe(before.dirtyVersion);
    expect(after.record).toMatchObject({ onHand: '42.000' });
    expect(await gw.db.repos.twinxmlSources.getDocument(sourceId, 'lager-1')).toMatchObject({
      state: 'done',
      accepted: 1,
      refused: 1,
    });
  });

  it('stages nothing from a malformed or invalid document, says where, and takes the corrected one with the same BatchId', async () => {
    const good = documentXml({
      batchId: 'lager-2',
      createdAt: '2026-12-01T11:00:00.000Z',
      stock: [stockXml('a:200', '5'), stockXml('a:201', '6')],
    });
    const truncated = good.slice(0, good.indexOf('<StockLevel>', good.indexOf('a:200')) + 30);
    const malformed = await post(truncated);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'MALFORMED' });
    const invalid = await post(good.replace('<OnHand>6</OnHand>', '<OnHand>seks</OnHand>'));
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({
      error: 'INVALID',
      issues: [expect.objectContaining({ path: expect.stringContaining('/TwinXML/StockLevels/StockLevel[2]') })],
    });
    // The first stock level was valid, but the document is staged whole or not at all.
    expect(await staged('stock', 'a:200||total')).toBeUndefined();
    expect(await gw.db.repos.twinxmlSources.getDocument(sourceId, 'lager-2')).toMatchObject({ state: 'failed' });
    const fixed = await post(good);
    expect(fixed).toMatchObject({ status: 200, body: { accepted: 2, refused: 0, duplicate: false } });
    expect((await staged('stock', 'a:201||total')).record).toMatchObject({ onHand: '6.000' });
  });

  it('refuses requests without a valid token, other media types, a DOCTYPE and a bad since', async () => {
    const doc = documentXml({ batchId: 'x', stock: [stockXml('a:1', '1')] });
    expect((await post(doc, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await post(doc, { authorization: '' })).status).toBe(401);
    expect((await post(doc, { 'content-type': 'application/json' })).body).toMatchObject({
      error: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect((await post('<!DOCTYPE x [<!ENTITY a "b">]><TwinXML/>')).body).toMatchObject({ error: 'MALFORMED' });
    const res = await fetch(`${gw.url}/twinxml/v1/orders?since=yesterday`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(400);
  });

  it('refuses orders and other kinds sources may not send, record by record', async () => {
    const fixture = readFileSync(resolve(root, 'libs/twinxml/test/fixtures/sample.twinxml.xml'), 'utf8');
    const orderXml = /<Order>[\s\S]*?<\/Order>\n/
      .exec(fixture)![0]
      .replace(/^/gm, '')
      .replace(/^ {4}<Order>/, '    <Order>');
    const { status, body } = await post(
      documentXml({ batchId: 'lager-3', stock: [stockXml('a:300', '1')], orders: [orderXml] }),
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      accepted: 1,
      refused: 1,
      refusedRecords: [{ path: '/TwinXML/Orders/Order[1]', kind: 'order', key: '5001' }],
    });
  });

  it("shows the operator the sources with their documents and the order trigger's outcome", async () => {
    expect((await admin('GET', `/tenants/${gw.tenantId}/twinxml-sources`, undefined, 'Bearer wrong')).status).toBe(401);
    expect(
      (await admin('POST', `/tenants/${gw.tenantId}/twinxml-sources`, { name: 'lager2', owns: ['stock'] })).status,
    ).toBe(400);
    expect((await admin('POST', `/tenants/${gw.tenantId}/twinxml-sources`, { name: 'x', owns: 'stock' })).status).toBe(
      400,
    );
    expect((await admin('GET', '/tenants/00000000-0000-0000-0000-000000000000/order-trigger')).status).toBe(404);
    const listed = await admin('GET', `/tenants/${gw.tenantId}/twinxml-sources`);
    expect(listed.body).toMatchObject({
      sources: [
        {
          name: 'lager',
          owns: ['stock'],
          documents: expect.arrayContaining([expect.objectContaining({ batchId: 'lager-1', state: 'done' })]),
        },
      ],
    });
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect((await admin('GET', `/tenants/${gw.tenantId}/order-trigger`)).body).toEqual({ status: null });
    await gw.db.repos.orderTriggers.request(gw.tenantId);
    expect((await admin('GET', `/tenants/${gw.tenantId}/order-trigger`)).body).toMatchObject({
      status: { pending: true, callsOk: 0, lastOutcome: null },
    });
  });

  it('gives paid orders as a TwinXML document since a given time', async () => {
    const fixture = decodeTwinXml(readFileSync(resolve(root, 'libs/twinxml/test/fixtures/sample.twinxml.xml')));
    const order = fixture.orders[0];
    await gw.db.repos.webOrders.stage(gw.tenantId, [
      {
        shopOrderId: 5001,
        record: { order: recordToJson('order', order), hints: {} },
        paidAt: new Date('2026-12-01T09:00:00.000Z'),
      },
      {
        shopOrderId: 5002,
        record: { order: recordToJson('order', { ...order, key: '5002', orderNumber: 'W-5002' }), hints: {} },
        paidAt: new Date('2026-12-01T12:00:00.000Z'),
      },
    ]);
    const get = async (since: string) => {
      const res = await fetch(`${gw.url}/twinxml/v1/orders?since=${encodeURIComponent(since)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        next: res.headers.get('x-next-since'),
        doc: decodeTwinXml(await res.text()),
      };
    };
    const all = await get('2026-12-01T00:00:00.000Z');
    expect(all.status).toBe(200);
    expect(all.type).toContain('application/xml');
    expect(all.doc.orders.map((o) => o.key)).toEqual(['5001', '5002']);
    expect(all.doc.orders[0]).toEqual(order);
    expect(all.next).toBe('2026-12-01T12:00:00.000Z');
    expect((await get('2026-12-01T10:00:00.000Z')).doc.orders.map((o) => o.key)).toEqual(['5002']);
    expect((await get('2026-12-02T00:00:00.000Z')).doc.orders).toEqual([]);
  });
});

describe('a 100,000-product TwinXML document streamed to a gateway process', () => {
  let gw: RunningGateway;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await gw.close();
  });

  const peakRssKb = (pid: number): number =>
    Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  const rssKb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

  it('stages every product with memory bounded far below the document size', async () => {
    const { token } = await gw.db.repos.twinxmlSources.create({
      tenantId: gw.tenantId,
      name: 'erp',
      owns: ['product'],
    });
    // A heap cap below the document's size: a gateway that held the document (or its records) would run out.
    child = spawn(
      process.execPath,
      ['--max-old-space-size=96', '--import', 'tsx', resolve(__dirname, 'twinxml-gateway-child.ts')],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: gw.db.db.url },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const line = await new Promise<string>((ok, fail) => {
      createInterface({ input: child!.stdout! }).once('line', ok);
      child!.once('exit', (code) => fail(new Error(`gateway child exited with ${code}`)));
    });
    const { url } = JSON.parse(line) as { url: string };
    const pid = child.pid!;
    // Warm up (first request loads the routes' code paths), then take the baseline.
    await fetch(`${url}/healthz`);
    const before = rssKb(pid);

    const N = 100_000;
    const description = 'Varm og vanntett, tåler 10 000 mm &amp; mer. '.repeat(6);
    let bytes = 0;
    async function* body(): AsyncGenerator<Buffer> {
      const head = Buffer.from(headerXml('erp-full-1') + '  <Products>\n');
      bytes += head.length;
      yield head;
      for (let i = 0; i < N; i += 1000) {
        let text = '';
        for (let j = i; j < i + 1000; j++)
          text += productXml(`e:${j}`, `Produkt ${j}`, `${100 + (j % 900)}.5000`, description);
        const chunk = Buffer.from(text);
        bytes += chunk.length;
        yield chunk;
      }
      const tail = Buffer.from(`  </Products>\n${trailerXml({ products: N })}`);
      bytes += tail.length;
      yield tail;
    }
    const res = await request(`${url}/twinxml/v1/documents`, {
      method: 'POST',
      body: Readable.from(body()),
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` },
      headersTimeout: 280_000,
      bodyTimeout: 280_000,
    });
    const answer = (await res.body.json()) as Record<string, unknown>;
    const peak = peakRssKb(pid);
    expect(res.statusCode).toBe(200);
    expect(answer).toMatchObject({
      accepted: N,
      refused: 0,
      staged: { created: N, updated: 0, unchanged: 0, stale: 0 },
    });
    const count = await gw.db.store.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM entity_state WHERE tenant_id = $1 AND kind = 'product' AND key >= 'e:' AND key < 'e;'`,
      [gw.tenantId],
    );
    expect(Number(count.rows[0].n)).toBe(N);
    const growthMb = (peak - before) / 1024;
    const docMb = bytes / 1024 / 1024;
    // Figures for the report (not a timed assertion).
    console.log(
      `TwinXML ${N} products: document ${docMb.toFixed(1)} MB, gateway RSS ${(before / 1024).toFixed(0)} MB before, peak ${(peak / 1024).toFixed(0)} MB (+${growthMb.toFixed(0)} MB)`,
    );
    expect(docMb).toBeGreaterThan(50);
    expect(growthMb).toBeLessThan(docMb);
  });
});

describe('TwinXML size limit (TWINXML_MAX_BYTES)', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway({ config: { twinxmlMaxBytes: 2000 } });
  });
  afterAll(async () => {
    await gw.close();
  });

  it('refuses a larger document, declared or streamed, and stages nothing', async () => {
    const { token } = await gw.db.repos.twinxmlSources.create({
      tenantId: gw.tenantId,
      name: 'lager',
      owns: ['stock'],
    });
    const doc = documentXml({ batchId: 'big', stock: Array.from({ length: 20 }, (_, i) => stockXml(`a:${i}`, '1')) });
    expect(Buffer.byteLength(doc)).toBeGreaterThan(2000);
    const declared = await fetch(`${gw.url}/twinxml/v1/documents`, {
      method: 'POST',
      body: doc,
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` },
    });
    expect(declared.status).toBe(413);
    // Chunked (no Content-Length): the decoder counts the bytes as they arrive.
    const streamed = await request(`${gw.url}/twinxml/v1/documents`, {
      method: 'POST',
      body: Readable.from([Buffer.from(doc.slice(0, 1500)), Buffer.from(doc.slice(1500))]),
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` },
    });
    expect(streamed.statusCode).toBe(413);
    expect(await streamed.body.json()).toMatchObject({ error: 'TOO_LARGE' });
    expect(await gw.db.repos.entities.get(gw.tenantId, 'stock', ['a:0||total'])).toEqual([]);
  });
});
