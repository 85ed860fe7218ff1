import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { createStore, repositories } from '@pcknop/staging-store';
import { createTestStore } from '@pcknop/staging-store/testing';
import { article, creds, startGateway, type RunningGateway } from './support';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

const NS = 'http://webservice.webshop.deltasoft.no/';
const env = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;
const stock = (inner: string) =>
  env(
    `<ns:updateStockCount xmlns:ns="${NS}"><login>4711</login><password>hemmelig-passord</password><updateStock>${inner}</updateStock></ns:updateStockCount>`,
  );
const good = stock('<articleId>7</articleId><count>3</count><timestamp>1</timestamp>');

describe('bad input against the running server', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway({ config: { maxBodyBytes: 64 * 1024 } });
  });
  afterAll(() => gw.close());

  it.each([
    ['empty body', ''],
    ['not xml', 'hello world'],
    ['truncated', good.slice(0, good.length - 20)],
    ['mismatched tags', env('<a><b></a></b>')],
    ['two roots', `${good}<x/>`],
    ['undefined entity', stock('<articleId>&xxe;</articleId>')],
    ['DOCTYPE (XXE)', `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${good}`],
    ['not a SOAP envelope', '<foo/>'],
    ['empty Body', env('')],
    ['unknown operation', env(`<ns:dropTables xmlns:ns="${NS}"/>`)],
    ['deep nesting', env('<a>'.repeat(200) + '</a>'.repeat(200))],
    [
      'invalid UTF-8',
      Buffer.concat([Buffer.from(good.slice(0, 150)), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from(good.slice(150))]),
    ],
  ])('malformed envelope (%s) → SOAP Fault, not HTML', async (_name, body) => {
    const res = await gw.post(body);
    expect(res.status).toBe(500);
    expect(res.contentType).toMatch(/text\/xml/);
    expect(res.body).toContain('<faultcode>soap:Client</faultcode>');
  });

  it.each([
    [
      'login not a number',
      stock('<articleId>7</articleId><count>3</count>').replace('<login>4711</login>', '<login>abc</login>'),
    ],
    ['required count missing', stock('<articleId>7</articleId>')],
    ['articleId not an int', stock('<articleId>7.5</articleId><count>1</count>')],
  ])('invalid payload (%s) → operationResult 1 with a message', async (_name, body) => {
    const res = await gw.post(body);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<operationResult>1</operationResult>');
    expect(res.body).toMatch(/<humanErrorMessage>[^<]+<\/humanErrorMessage>/);
  });

  it('an oversized body gets a clear 413 SOAP Fault, and the server keeps serving', async () => {
    const big = stock(`<articleId>7</articleId><count>1</count>${'<x>y</x>'.repeat(20_000)}`);
    const res = await gw.post(big);
    expect(res.status).toBe(413);
    expect(res.body).toContain('<faultcode>soap:Client</faultcode>');
    expect(res.body).toMatch(/too large/);
    expect((await gw.post(good)).body).toContain('<operationResult>0</operationResult>');
  });

  it('a gzip-compressed body is inflated and answered; one that inflates past the limit gets the 413 Fault', async () => {
    const res = await gw.post(gzipSync(Buffer.from(good)), {
      'content-type': 'text/xml; charset=utf-8',
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<operationResult>0</operationResult>');
    const bomb = gzipSync(Buffer.from(stock(`<articleId>7</articleId><count>1</count>${'<x>y</x>'.repeat(20_000)}`)));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const tooBig = await gw.post(bomb, { 'content-type': 'text/xml; charset=utf-8', 'content-encoding': 'gzip' });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toContain('<faultcode>soap:Client</faultcode>');
  });

  it('an oversized body sent in chunks (no Content-Length) gets the 413 Fault too', async () => {
    const chunk = new TextEncoder().encode('<x>y</x>'.repeat(1000));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${gw.url}/WebshopWS`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { 'content-type': 'text/xml' },
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('<faultcode>soap:Client</faultcode>');
    expect((await gw.post(good)).body).toContain('<operationResult>0</operationResult>');
  });

  it('SOAP 1.2 is answered in SOAP 1.2', async () => {
    const body = good.replace('http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope');
    const res = await gw.post(body, { 'content-type': 'application/soap+xml; charset=utf-8' });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/application\/soap\+xml/);
    expect(res.body).toContain('http://www.w3.org/2003/05/soap-envelope');
  });

  it('unknown paths answer JSON 404, not HTML', async () => {
    const res = await fetch(`${gw.url}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });
});

describe('database down or slow', () => {
  it('database unreachable from the start: operationResult 2 within a bounded time, /readyz 503', async () => {
    const dead = createStore({ url: 'postgresql://postgres@127.0.0.1:1/none', connectTimeoutMs: 500 });
    const gw = await startGateway({
      db: { store: dead, repos: repositories(dead) } as never,
      createTenant: false,
      config: { requestDeadlineMs: 2000 },
    });
    try {
      const started = Date.now();
      const r = await gw.call('sendArticle', { ...creds, article: article(1, 1) });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(r.result.operationResult).toBe(2);
      expect(r.result.humanErrorMessage).toMatch(/midlertidig|prøver igjen/);
      // No internal text (driver error, host, port) to PCK or to the unauthenticated /readyz.
      expect(r.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|connect|postgres/i);
      const ready = await fetch(`${gw.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:1\b|postgres/i);
      expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    } finally {
      await gw.close();
      await dead.close();
    }
  });

  describe('through a proxy that can be cut', () => {
    let base: Awaited<ReturnType<typeof createTestStore>>;
    let proxy: TcpProxy;
    let gw: RunningGateway;
    beforeAll(async () => {
      base = await createTestStore();
      await base.repos.tenants.create({ name: 'T', pckLogin: creds.login, pckPassword: creds.password });
      const url = new URL(base.db.url);
      proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
      url.port = String(proxy.port);
      const store = createStore({ url: url.toString(), connectTimeoutMs: 500, statementTimeoutMs: 1500 });
      gw = await startGateway({
        db: { ...base, store, repos: repositories(store) },
        createTenant: false,
        config: { requestDeadlineMs: 1000 },
      });
    });
    afterAll(async () => {
      await gw.close();
      await gw.db.store.close();
      await proxy.close();
      await base.close();
    });

    it('the database goes away mid-run (tenant cached): 2 quickly; it comes back: 0 again', async () => {
      expect((await gw.call('sendArticle', { ...creds, article: article(1, 1) })).result.operationResult).toBe(0);
      proxy.cut();
      const started = Date.now();
      const down = await gw.call('sendArticle', { ...creds, article: article(1, 2) });
      expect(down.result.operationResult).toBe(2);
      expect(Date.now() - started).toBeLessThan(2500);
      proxy.restore();
      const back = await gw.call('sendArticle', { ...creds, article: article(1, 2) });
      expect(back.result.operationResult).toBe(0);
      expect(
        (await base.repos.entities.get((await base.repos.tenants.list())[0].id, 'product', ['a:1']))[0].pckTimestamp,
      ).toBe(2n);
    });

    it('a slow database (row locked by another transaction) → 2 within the deadline; nothing half-done', async () => {
      const locker = new Client({ connectionString: base.db.url });
      await locker.connect();
      try {
        await locker.query('BEGIN');
        await locker.query(`SELECT 1 FROM entity_state WHERE key = 'a:1' FOR UPDATE`);
        const started = Date.now();
        const slow = await gw.call('sendArticle', { ...creds, article: article(1, 3) });
        expect(slow.result.operationResult).toBe(2);
        expect(Date.now() - started).toBeLessThan(2500);
      } finally {
        await locker.query('ROLLBACK');
        await locker.end();
      }
      // PCK's retry lands (the late statement may have committed meanwhile: then it is an exact repeat).
      expect((await gw.call('sendArticle', { ...creds, article: article(1, 3) })).result.operationResult).toBe(0);
    });
  });
});
