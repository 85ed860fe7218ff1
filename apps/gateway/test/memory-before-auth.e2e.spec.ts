import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseResponse, serializeRequest } from '@pcknop/pck-contract';
import { startGatewayProcess, type GatewayProcess } from './gateway-process';
import { article } from './support';

jest.setTimeout(180_000);

const LOGIN = 4711;
const PASSWORD = 'riktig-passord-for-kassen';
const FLOOD = 100;
const INFLATED_BYTES = 30 * 1000 * 1000;

/** Peak resident memory of a process (kB → MB), as the kernel recorded it. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error('no VmHWM');
  return Number(m[1]) / 1024;
}

/**
 * The gateway as it runs in production (its own process, main.ts through tsx as `npm start` runs it), flooded by
 * callers with a wrong password whose gzip bodies inflate to 30 MB each, while a till keeps calling.
 */
describe('memory before authentication (a separate gateway process)', () => {
  let gateway: GatewayProcess;
  let soapUrl: string;

  beforeAll(async () => {
    gateway = await startGatewayProcess({
      database: 'mem',
      pck: { login: LOGIN, password: PASSWORD },
      listening: /gateway listening on http:\/\/127\.0\.0\.1:(\d+)/,
    });
    soapUrl = `http://127.0.0.1:${gateway.port}/WebshopWS`;
  });

  afterAll(async () => {
    await gateway?.close();
  });

  async function tillCall(id: number): Promise<{ code: number; ms: number }> {
    const t0 = Date.now();
    const res = await fetch(soapUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: '""' },
      body: serializeRequest('sendArticle', { login: LOGIN, password: PASSWORD, article: article(id, id) }),
    });
    const body = await res.text();
    return { code: parseResponse('sendArticle', body).result.operationResult, ms: Date.now() - t0 };
  }

  it(`${FLOOD} concurrent gzip bodies inflating to 30 MB with a wrong password: refused fast, under 512 MB, and a till is answered within 3 s`, async () => {
    // The till has been calling all along (its login is checked and remembered), as in a shop.
    expect((await tillCall(1)).code).toBe(0);

    const envelope = serializeRequest('sendArticle', {
      login: LOGIN,
      password: 'gjetter',
      article: article(2, 2, { name: '@@FILL@@' }),
    });
    const [head, tail] = envelope.split('@@FILL@@');
    const bomb = gzipSync(
      Buffer.concat([
        Buffer.from(head),
        Buffer.alloc(INFLATED_BYTES - head.length - tail.length, 'x'),
        Buffer.from(tail),
      ]),
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(100_000);

    const flood = Array.from({ length: FLOOD }, async () => {
      const res = await fetch(soapUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', 'content-encoding': 'gzip' },
        body: bomb,
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() };
    });
    const till = await tillCall(3);
    const answers = await Promise.all(flood);

    expect(till.code).toBe(0);
    expect(till.ms).toBeLessThan(3000);
    for (const a of answers) {
      expect([413, 503]).toContain(a.status);
      expect(a.body).toContain('Fault');
      if (a.status === 503) expect(a.retryAfter).toMatch(/^\d+$/);
    }
    expect(peakRssMb(gateway.app.child.pid ?? 0)).toBeLessThan(512);
    // Still serving afterwards.
    expect((await tillCall(4)).code).toBe(0);
  });
});
