import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { serializeRequest } from '@pcknop/pck-contract';
import { createTestDatabase, type TestDatabase } from '@pcknop/staging-store/testing';

jest.setTimeout(180_000);

const LOGIN = 4711;
const PASSWORD = 'riktig-passord-for-kassen';
const CALLS = 12;

/** One HTTP exchange on a connection of its own (no keep-alive), so node:cluster spreads calls over the workers. */
function exchange(url: string, method: 'GET' | 'POST', body?: string): Promise<{ status: number; body: string; worker: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { method, agent: false, headers: body ? { 'content-type': 'text/xml; charset=utf-8', SOAPAction: '""' } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: text, worker: String(res.socket?.remotePort ?? '') }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

describe('/metrics with GATEWAY_WORKERS=2 (a separate gateway process)', () => {
  let db: TestDatabase;
  let child: ChildProcessWithoutNullStreams;
  let base: string;
  let output = '';

  beforeAll(async () => {
    db = await createTestDatabase('cm');
    const root = resolve(__dirname, '../../..');
    child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'apps/gateway/src/main.ts')], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: db.url,
        GATEWAY_PORT: '0',
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_WORKERS: '2',
        PCK_LOGIN: String(LOGIN),
        PCK_PASSWORD: PASSWORD,
        SECRETS_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'info',
      },
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const port = await new Promise<number>((done, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        const m = /2 worker processes listening on port (\d+)/.exec(output);
        if (m) done(Number(m[1]));
      });
      child.once('exit', (code) => fail(new Error(`gateway exited ${code}: ${output.slice(-2000)}`)));
    });
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await db?.drop();
  });

  it('counts every call whichever worker answered it and whichever worker is scraped', async () => {
    for (let i = 0; i < CALLS; i++) {
      const res = await exchange(`${base}/WebshopWS`, 'POST', serializeRequest('getStatus', { login: LOGIN, password: PASSWORD }));
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
