import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from '@pcknop/staging-store';

// The README's quick start as a new user runs it: `npm start` with nothing configured (embedded PostgreSQL, the
// nopCommerce simulator), then `npm run demo` and `npm run reconcile` in a second terminal, then Ctrl-C.
jest.setTimeout(420_000);

const root = resolve(__dirname, '../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs an npm script to its end, with output captured. */
function npmRun(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn('npm', args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, output });
    });
  });
}

/** PIDs of processes whose command line names the data directory (the embedded postmaster and its helpers). */
function postgresFor(dataDir: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((l) => l.includes(dataDir) && /postgres/.test(l))
    .map((l) => l.trim());
}

describe('quick start: npm start (embedded PostgreSQL + simulator), npm run demo, Ctrl-C', () => {
  let dir: string;
  let start: ChildProcess | undefined;
  let startOutput = '';
  let startExit: Promise<Run>;
  let env: NodeJS.ProcessEnv;
  let dataDir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pcknop-quick-start-'));
    chmodSync(dir, 0o755); // as root the embedded server runs as the postgres user and must reach its directory
    dataDir = join(dir, 'pg');
    const [gatewayPort, simPort] = [await findFreePort(), await findFreePort()];
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      GATEWAY_PORT: String(gatewayPort),
      NOP_SIM_PORT: String(simPort),
      LOG_LEVEL: 'warn',
      NOP_SIM_LOG_LEVEL: 'warn',
    };
    // A fresh machine: nothing configured (jest's global setup may have set DATABASE_URL for the test files).
    for (const k of [
      'DATABASE_URL',
      'NOP_BASE_URL',
      'NOP_EMAIL',
      'NOP_PASSWORD',
      'PCK_LOGIN',
      'PCK_PASSWORD',
      'ADMIN_TOKEN',
      'SECRETS_KEY',
      'GATEWAY_URL',
      'ADMIN_URL',
    ])
      delete env[k];
    // Keep the dev files of this run out of the working copy's .data.
    env.DEV_CREDENTIALS_FILE = join(dir, 'dev-credentials.json');
    env.SECRETS_KEY_FILE = join(dir, 'secrets.key');
  });

  afterAll(async () => {
    if (start?.pid && start.exitCode === null && start.signalCode === null) {
      try {
        process.kill(-start.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    // A postmaster left behind by a failed run: stop it by its pid file, then remove the directory.
    const pidFile = join(dataDir, 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        if (pid > 0) process.kill(pid, 'SIGQUIT');
      } catch {
        // not running
      }
      await sleep(500);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('npm start prints the WSDL, the PCK login and password once the gateway is ready', async () => {
    // Its own process group, like a terminal's foreground job: Ctrl-C goes to npm, the launcher and its children.
    start = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const child = start;
    child.stdout?.on('data', (c: Buffer) => (startOutput += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (startOutput += c.toString('utf8')));
    startExit = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal, output: startOutput })));
    const end = Date.now() + 240_000;
    while (!/PCK password: \S+/.test(startOutput) && child.exitCode === null && Date.now() < end) await sleep(250);
    expect(startOutput).toMatch(/PCK password: \S+/);
    const wsdl = /WSDL \(PCKasse «Webshop oppsett»\): (\S+)/.exec(startOutput)?.[1];
    expect(wsdl).toBe(`http://127.0.0.1:${env.GATEWAY_PORT}/WebshopWS?wsdl`);
    expect(startOutput).toMatch(/PCK login: +\d+/);
    expect(startOutput).toContain(`Shop: http://127.0.0.1:${env.NOP_SIM_PORT}`);
    expect(startOutput).toContain('embedded PostgreSQL running');
    expect((await fetch(`http://127.0.0.1:${env.GATEWAY_PORT}/readyz`)).status).toBe(200);
    const wsdlText = await (await fetch(wsdl ?? '')).text();
    expect(wsdlText).toContain('definitions');
    // What the banner printed is what the demo will read.
    const dev = JSON.parse(readFileSync(env.DEV_CREDENTIALS_FILE ?? '', 'utf8')) as {
      pckLogin: number;
      pckPassword: string;
    };
    expect(startOutput).toContain(`PCK password: ${dev.pckPassword}`);
    expect(startOutput).toMatch(new RegExp(`PCK login: +${dev.pckLogin}`));
  });

  it('npm run demo against it ends with a clean reconciliation (exit 0), and so does npm run reconcile', async () => {
    expect(start?.exitCode).toBeNull();
    const demo = await npmRun(
      ['run', 'demo', '--', '--articles', '30', '--orders', '2', '--timeout-s', '150'],
      env,
      300_000,
    );
    expect({
      code: demo.code,
      tail: demo.code === 0 ? '' : `${demo.output.slice(-3000)}\n--- npm start\n${startOutput.slice(-3000)}`,
    }).toEqual({ code: 0, tail: '' });
    expect(demo.output).toContain('4/4 reconciliation');
    const reconcile = await npmRun(['run', 'reconcile', '--', '--json'], env, 120_000);
    expect({ code: reconcile.code, tail: reconcile.code === 0 ? '' : reconcile.output.slice(-3000) }).toEqual({
      code: 0,
      tail: '',
    });
    const json = reconcile.output.slice(reconcile.output.indexOf('['));
    expect((JSON.parse(json) as Array<{ ok: boolean }>).map((r) => r.ok)).toEqual([true]);
  });

  it('Ctrl-C stops everything cleanly (exit 0 or 130), no PostgreSQL left for its data directory', async () => {
    expect(start?.pid).toBeDefined();
    expect(postgresFor(dataDir).length).toBeGreaterThan(0);
    process.kill(-(start?.pid ?? 0), 'SIGINT');
    const stopped = await Promise.race([startExit, sleep(60_000).then(() => undefined)]);
    // npm (and tsx under it) report a Ctrl-C stop as the shell does: 130 / SIGINT, even when the launcher stopped
    // cleanly; anything else (a crash, a hang) fails.
    expect(stopped).toBeDefined();
    expect([0, 130, 'SIGINT']).toContain(stopped?.code ?? stopped?.signal);
    expect(startOutput).not.toMatch(/exited \(1\)|could not start/);
    let left = postgresFor(dataDir);
    for (let i = 0; i < 20 && left.length > 0; i++) {
      await sleep(250);
      left = postgresFor(dataDir);
    }
    expect(left).toEqual([]);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  });
});
