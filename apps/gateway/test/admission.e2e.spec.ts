import { request, type ClientRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { serializeRequest } from '@pcknop/pck-contract';
import { article, creds, startGateway, type RunningGateway } from './support';

jest.setTimeout(60_000);

/** Starts a plain POST declaring `length` bytes and sends only its first kilobyte: the body stays in flight. */
function holdOpen(url: string, length: number): Promise<ClientRequest> {
  return new Promise((done) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', 'content-length': String(length) },
    });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(1024, ' '), () => done(req));
  });
}

describe('admission before authentication', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway({
      config: { maxInFlightBytes: 1024 * 1024, maxInFlightRequests: 8, maxCompressionRatio: 20 },
    });
  });
  afterAll(() => gw.close());

  it('a full gate refuses large bodies at once with 503, a SOAP Fault and Retry-After; a till still gets through', async () => {
    const held = await holdOpen(gw.soapUrl, 900 * 1024);
    try {
      // Wait until the held request has its place (bounded).
      for (let i = 0; i < 200 && gw.gateway.admission.inFlight.bytes === 0; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(gw.gateway.admission.inFlight.bytes).toBe(900 * 1024);
      const big = await gw.post(Buffer.alloc(300 * 1024, ' '));
      expect(big.status).toBe(503);
      expect(big.body).toContain('<faultcode>soap:Server</faultcode>');
      const res = await fetch(gw.soapUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: Buffer.alloc(300 * 1024, ' '),
      });
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      await res.text();
      const till = await gw.call('sendArticle', { ...creds, article: article(1, 1) });
      expect(till.result.operationResult).toBe(0);
    } finally {
      held.destroy();
    }
    // The place is given back when the held request goes away.
    for (let i = 0; i < 200 && gw.gateway.admission.inFlight.requests > 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(gw.gateway.admission.inFlight).toEqual({ requests: 0, bytes: 0 });
  });

  it('a compressed body that inflates past the ratio limit gets a 413 Fault; an ordinary one is answered', async () => {
    const normal = serializeRequest('sendArticle', { ...creds, article: article(2, 2) });
    const ok = await gw.post(gzipSync(Buffer.from(normal)), { 'content-encoding': 'gzip' });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<operationResult>0</operationResult>');
    const bomb = serializeRequest('sendArticle', { ...creds, article: article(3, 3, { name: 'x'.repeat(200_000) }) });
    const refused = await gw.post(gzipSync(Buffer.from(bomb)), { 'content-encoding': 'gzip' });
    expect(refused.status).toBe(413);
    expect(refused.body).toMatch(/inflates more than 20 times/);
    expect(gw.gateway.admission.inFlight).toEqual({ requests: 0, bytes: 0 });
  });

  it('an unknown Content-Encoding is refused with a Fault, not a crash', async () => {
    const res = await gw.post('<x/>', { 'content-encoding': 'zstd-nope' });
    expect(res.status).toBe(415);
    expect(res.body).toContain('Fault');
  });
});
