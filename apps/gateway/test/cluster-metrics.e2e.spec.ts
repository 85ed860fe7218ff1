import { request } from 'node:http';
import { serializeRequest } from '@pcknop/pck-contract';
import { startGatewayProcess, type GatewayProcess } from './gateway-process';

jest.setTimeout(180_000);

const LOGIN = 4711;
const PASSWORD = 'riktig-passord-for-kassen';
const CALLS = 12;

/** One HTTP exchange on a connection of its own (no keep-alive), so node:cluster spreads calls over the workers. */
function exchange(
  url: string,
  method: 'GET' | 'POST',
  body?: string,
): Promise<{ status: number; body: string; worker: string }> {
  return new Promise((done, fail) => {
    const req = request(
      url,
      { method, agent: false, headers: body ? { 'content-type': 'text/xml; charset=utf-8', SOAPAction: '""' } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, body: text, worker: String(res.socket?.remotePort ?? '') }),
        );
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

describe('/metrics with GATEWAY_WORKERS=2 (a separate gateway process)', () => {
  let gateway: GatewayProcess;
  let base: string;

  beforeAll(async () => {
    gateway = await startGatewayProcess({
      database: 'cm',
      pck: { login: LOGIN, password: PASSWORD },
      env: { GATEWAY_WORKERS: '2' },
      listening: /2 worker processes listening on port (\d+)/,
    });
    base = `http://127.0.0.1:${gateway.port}`;
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('counts every call whichever worker answered it and whichever worker is scraped', async () => {
    for (let i = 0; i < CALLS; i++) {
      const res = await exchange(
        `${base}/WebshopWS`,
        'POST',
        serializeRequest('getStatus', { login: LOGIN, password: PASSWORD }),
      );
      expect(res.body).toContain('<operationResult>0</operationResult>');
    }
    // Each scrape may land on either worker: every one must see the cluster's total.
    for (let i = 0; i < 4; i++) {
      const metrics = await exchange(`${base}/metrics`, 'GET');
      expect(metrics.status).toBe(200);
      expect(metrics.body).toMatch(new RegExp(`pck_calls_total\\{operation="getStatus",result="0"\\} ${CALLS}\\b`));
    }
  });
});
