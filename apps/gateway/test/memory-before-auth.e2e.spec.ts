import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseResponse, serializeRequest } from '@pcknop/pck-contract';
import { createTestDatabase, type TestDatabase } from '@pcknop/staging-store/testing';
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
  let db: TestDatabase;
  let child: ChildProcessWithoutNullStreams;
  let soapUrl: string;
  let output = '';

  beforeAll(async () => {
    db = await createTestDatabase('mem');
    const root = resolve(__dirname, '../../..');
    child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'apps/gateway/src/main.ts')], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: db.url,
        GATEWAY_PORT: '0',
        GATEWAY_HOST: '127.0.0.1',
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
        const m = /gateway listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (m) done(Number(m[1]));
      });
      child.once('exit', (code) => fail(new Error(`gateway exited ${code}: ${output.slice(-2000)}`)));
    });
    soapUrl = `http://127.0.0.1:${port}/WebshopWS`;
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await db?.drop();
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

    const envelope = serializeRequest('sendArticle', { login: LOGIN, password: 'gjetter', article: article(2, 2, { name: '@@FILL@@' }) });
    const [head, tail] = envelope.split('@@FILL@@');
    const bomb = gzipSync(Buffer.concat([Buffer.from(head), Buffer.alloc(INFLATED_BYTES - head.length - tail.length, 'x'), Buffer.from(tail)]), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);

    const flood = Array.from({ length: FLOOD }, async () => {
      const res = await fetch(soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', 'content-encoding': 'gzip' }, body: bomb });
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
    expect(peakRssMb(child.pid ?? 0)).toBeLessThan(512);
    // Still serving afterwards.
    expect((await tillCall(4)).code).toBe(0);
  });
});
