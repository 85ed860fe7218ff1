import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, workspaceRoot as ROOT, type Stack } from '@pcknop/launcher/testing';
import { createStore, findFreePort, repositories } from '@pcknop/staging-store';
import { run } from '../src/lib/run-cli';
import type { CliIo } from '../src/lib/output';

// `pcknop` against a running gateway (a child process over a fresh database) with nop-sim as the shop.
jest.setTimeout(180_000);

const PCK_LOGIN = 4811;
const PCK_PASSWORD = 'hemmelig-cli-1';

interface Captured {
  code: number;
  out: string;
  err: string;
}

describe('pcknop CLI against a running gateway', () => {
  let stack: Stack;
  let db: Stack['db'];
  let sim: Stack['sim'];
  let adminUrl: string;
  let soapUrl: string;
  let adminToken: string;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pcknop-cli-'));
    stack = await startStack({
      database: 'cli',
      simSeed: 5,
      pck: { login: PCK_LOGIN, password: PCK_PASSWORD },
      simIsDefaultShop: true,
    });
    ({ db, sim, adminUrl, soapUrl, adminToken } = stack);
    // ADMIN_URL/ADMIN_TOKEN as a remote deployment would be reached; no development credentials file.
    env = {
      ...process.env,
      ADMIN_URL: adminUrl,
      ADMIN_TOKEN: adminToken,
      DEV_CREDENTIALS_FILE: join(dir, 'none.json'),
    };
  });

  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(args: string[], overrides: NodeJS.ProcessEnv = {}): Promise<Captured> {
    let out = '';
    let err = '';
    const io: CliIo = {
      out: (t) => (out += t.endsWith('\n') ? t : `${t}\n`),
      err: (t) => (err += t.endsWith('\n') ? t : `${t}\n`),
      isTty: false,
    };
    const code = await run(args, io, { ...env, ...overrides });
    return { code, out, err };
  }

  /** The real bin, as `npx pcknop` runs it. */
  function bin(args: string[], overrides: NodeJS.ProcessEnv = {}): Promise<Captured> {
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, [join(ROOT, 'tools/cli/bin/pcknop.js'), ...args], {
        cwd: ROOT,
        env: { ...env, ...overrides },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', fail);
      child.on('exit', (code) => done({ code: code ?? -1, out, err }));
    });
  }

  async function soap(body: string): Promise<string> {
    const res = await fetch(soapUrl, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: '""' },
    });
    return res.text();
  }

  it('--help on every command, usage errors exit 2', async () => {
    for (const args of [
      [],
      ['tenants'],
      ['tenants', 'list'],
      ['tenants', 'show'],
      ['tenants', 'add'],
      ['tenants', 'set'],
      ['problems', 'list'],
      ['problems', 'requeue'],
      ['problems', 'dismiss'],
      ['batches', 'list'],
      ['batches', 'show'],
      ['progress'],
      ['reconcile'],
    ]) {
      const r = await cli([...args, '--help']);
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
      expect(r.out).toMatch(/Usage: pcknop/);
    }
    expect((await cli(['tenants', 'frobnicate'])).code).toBe(2);
    expect((await cli(['problems', 'requeue', String(PCK_LOGIN)])).code).toBe(2);
    expect((await cli(['tenants', 'list'], { ADMIN_URL: '' })).code).toBe(2);
  });

  it('the bin runs without a build step; wrong token exits 3, unknown tenant 4, unreachable server 5', async () => {
    const ok = await bin(['--json', 'tenants', 'list']);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out) as { pckLogin: number }[]).map((t) => t.pckLogin)).toEqual([PCK_LOGIN]);
    const auth = await bin(['tenants', 'list'], { ADMIN_TOKEN: 'wrong' });
    expect(auth.code).toBe(3);
    expect(auth.err).toMatch(/token/i);
    expect((await cli(['tenants', 'show', '999999'])).code).toBe(4);
    const port = await findFreePort();
    const down = await cli(['--url', `http://127.0.0.1:${port}`, 'tenants', 'list']);
    expect(down.code).toBe(5);
    expect(down.err).toContain(`127.0.0.1:${port}`);
  });

  it('tenants add / show / set / list, as a technician sets up a shop', async () => {
    const added = await cli([
      'tenants',
      'add',
      '--name',
      'Fjellsport',
      '--shop-url',
      sim.url,
      '--shop-email',
      'admin@nop-sim.local',
      '--shop-password',
      'admin',
      '--option',
      'groupSource=none',
      '--option',
      'images=false',
    ]);
    expect(added.code).toBe(0);
    const login = Number(/PCK login: +(\d+)/.exec(added.out)?.[1]);
    const password = /PCK password: +(\S+)/.exec(added.out)?.[1] ?? '';
    expect(login).toBeGreaterThan(0);
    expect(password.length).toBeGreaterThanOrEqual(16);
    const status = await soap(
      `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><getStatus xmlns="http://webservice.webshop.deltasoft.no/"><login xmlns="">${login}</login><password xmlns="">${password}</password></getStatus></soap:Body></soap:Envelope>`,
    );
    expect(status).toMatch(/<operationResult>0<\/operationResult>/);

    const shown = await cli(['--json', 'tenants', 'show', String(login)]);
    expect(JSON.parse(shown.out)).toMatchObject({
      name: 'Fjellsport',
      options: { groupSource: 'none', images: false },
      progress: { pending: 0 },
    });

    const set = await cli([
      'tenants',
      'set',
      'Fjellsport',
      '--option',
      'images=null',
      '--option',
      'variantMode=combinations',
    ]);
    expect(set.code).toBe(0);
    const after = JSON.parse((await cli(['--json', 'tenants', 'show', 'Fjellsport'])).out) as {
      options: Record<string, unknown>;
    };
    expect(after.options).toEqual({ groupSource: 'none', variantMode: 'combinations' });
    const refused = await cli(['tenants', 'set', 'Fjellsport', '--option', 'imgaes=true']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('unknown option "imgaes"');

    const rotated = await cli(['--json', 'tenants', 'set', String(login), '--new-password']);
    const next = (JSON.parse(rotated.out) as { credentials: { pckPassword: string } }).credentials.pckPassword;
    expect(next).not.toBe(password);

    const list = await cli(['tenants', 'list']);
    expect(list.out).toMatch(/Fjellsport/);
    expect(list.out.split('\n')[0]).toMatch(/^id\s+name\s+pckLogin/);
  });

  it('problems list/requeue/dismiss, batches list/show, progress and reconcile against the real database', async () => {
    const tenants = JSON.parse((await cli(['--json', 'tenants', 'list'])).out) as { id: string; pckLogin: number }[];
    const tenantId = tenants.find((t) => t.pckLogin === PCK_LOGIN)?.id ?? '';
    // Dead letters and a batch, made directly in the database the gateway uses.
    const store = createStore({ url: db.url });
    try {
      const repos = repositories(store);
      for (const key of ['a:1', 'a:2', 'a:3'])
        await repos.entities.stage(tenantId, [{ kind: 'product', key, record: { key }, pckTimestamp: 1n }]);
      const claimed = await repos.entities.claim(tenantId, 'cli-test', { limit: 10, leaseMs: 60_000 });
      const batch = await repos.batches.create(tenantId, {
        document: '<?xml version="1.0"?><twin><p key="a:1"/></twin>',
        recordCount: 3,
      });
      await repos.batches.finish(
        batch.id,
        'failed',
        claimed.map((c) => ({
          kind: c.kind,
          key: c.key,
          version: c.version,
          status: 'failed',
          message: 'HTTP 500',
          humanMessage: 'Nettbutikken avviste varen.',
        })),
      );
      await repos.entities.complete(
        tenantId,
        'cli-test',
        claimed.map((c) => ({ kind: c.kind, key: c.key, version: c.version, ok: false, error: 'HTTP 500' })),
        { maxAttempts: 1 },
      );

      const problems = await cli(['problems', 'list', String(PCK_LOGIN)]);
      expect(problems.code).toBe(1);
      expect(problems.out).toContain('Dead letters: 3');
      expect(problems.out).toContain('Nettbutikken avviste varen.');
      expect(JSON.parse((await cli(['--json', 'problems', 'requeue', String(PCK_LOGIN), '--key', 'a:1'])).out)).toEqual(
        { requeued: 1 },
      );
      expect((await repos.entities.deadLetters(tenantId)).total).toBe(2);
      expect(
        (await cli(['problems', 'dismiss', String(PCK_LOGIN), '--key', 'a:2', '--reason', 'utgått'])).out,
      ).toContain('1 dismissed');
      expect((await cli(['problems', 'requeue', String(PCK_LOGIN), '--all'])).out).toContain('1 requeued');
      expect((await cli(['problems', 'list', String(PCK_LOGIN)])).code).toBe(0);

      const batches = await cli(['--json', 'batches', 'list', String(PCK_LOGIN)]);
      expect((JSON.parse(batches.out) as { id: string }[]).map((b) => b.id)).toEqual([batch.id]);
      const xml = await cli(['batches', 'show', String(PCK_LOGIN), batch.id]);
      expect(xml.out).toBe('<?xml version="1.0"?><twin><p key="a:1"/></twin>\n');
      const bySequence = await cli(['batches', 'show', String(PCK_LOGIN), String(batch.sequence)]);
      expect(bySequence.out).toBe(xml.out);

      const progress = await cli(['--json', 'progress', String(PCK_LOGIN)]);
      expect(JSON.parse(progress.out)).toMatchObject({ pending: 2, byKind: [{ kind: 'product', pending: 2 }] });
      // Drain it (as the scheduler would) while `progress --watch` waits for the queue to empty.
      const watching = cli(['progress', String(PCK_LOGIN), '--watch', '--interval', '0.2', '--max-wait', '60']);
      await new Promise((r) => setTimeout(r, 300));
      const due = await repos.entities.claim(tenantId, 'cli-test', { limit: 10, leaseMs: 60_000 });
      await repos.entities.complete(
        tenantId,
        'cli-test',
        due.map((c) => ({ kind: c.kind, key: c.key, version: c.version, ok: true })),
      );
      const watched = await watching;
      expect(watched.code).toBe(0);
      expect(watched.out).toMatch(/pending\s+0/);
    } finally {
      await store.close();
    }

    // Reconcile: the staged a:1/a:3 never reached the shop, so the tenant is not in step (exit 1).
    const rec = await bin(['reconcile', '--json', '--tenant', String(PCK_LOGIN)]);
    expect(rec.code).toBe(1);
    const report = JSON.parse(rec.out) as { ok: boolean; entities: { differences: { key: string }[] } };
    expect(report.ok).toBe(false);
    expect(report.entities.differences.map((d) => d.key)).toEqual(expect.arrayContaining(['a:1']));
    const human = await cli(['reconcile', '--repair']);
    expect(human.code).toBe(1);
    expect(human.out).toMatch(/difference\(s\)/);
    expect(human.out).toMatch(/repair: \d+ entities queued again/);
  });

  it('reads the development gateway from npm start’s credentials file when nothing is configured', async () => {
    const file = join(dir, 'dev.json');
    writeFileSync(file, JSON.stringify({ adminUrl, adminToken }));
    const r = await cli(['--json', 'tenants', 'list'], {
      ADMIN_URL: undefined,
      ADMIN_TOKEN: undefined,
      DEV_CREDENTIALS_FILE: file,
    });
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(adminToken);
    expect((JSON.parse(r.out) as unknown[]).length).toBeGreaterThan(0);
  });
});
