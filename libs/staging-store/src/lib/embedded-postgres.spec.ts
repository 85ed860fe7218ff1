import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

const harness = resolve(__dirname, '../../test/embedded-harness.ts');

interface Running {
  child: ChildProcessWithoutNullStreams;
  line: string;
  output: () => string;
}

/** Starts the harness and waits for its first READY/FAILED line. */
function startHarness(dataDir: string, port?: number): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', harness, dataDir, ...(port ? [String(port)] : [])], {
    env: { ...process.env, DATABASE_URL: '' },
  });
  let out = '';
  return new Promise((res, rej) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(READY|FAILED) (.*)$/m.exec(out);
      if (m) res({ child, line: m[0], output: () => out });
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => rej(new Error(`harness exited ${code}: ${out}`)));
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));
}

async function selectOne(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query('SELECT 1 AS one')).rows[0].one;
  } finally {
    await c.end();
  }
}

const urlOf = (r: Running) => r.line.replace(/^READY /, '');

describe('startEmbeddedPostgres (in its own process, as the apps run it)', () => {
  // World-traversable: as root, the server runs as the postgres user.
  const base = mkdtempSync(join(tmpdir(), 'pcknop-embedded-'));
  chmodSync(base, 0o755);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('initialises, stops cleanly on SIGTERM, and restarts on the same data', async () => {
    const dataDir = join(base, 'a');
    const first = await startHarness(dataDir);
    expect(await selectOne(urlOf(first))).toBe(1);
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
    expect(first.output()).toContain('STOPPED');
    const second = await startHarness(dataDir);
    expect(await selectOne(urlOf(second))).toBe(1);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  }, 60_000);

  it('recovers after its owner was killed with SIGKILL', async () => {
    const dataDir = join(base, 'b');
    const first = await startHarness(dataDir);
    first.child.kill('SIGKILL');
    await exited(first.child);
    const again = await startHarness(dataDir);
    expect(again.line).toMatch(/^READY /);
    expect(await selectOne(urlOf(again))).toBe(1);
    again.child.kill('SIGTERM');
    expect(await exited(again.child)).toBe(0);
  }, 60_000);

  it('explains a failure to start with the server log and what to do', async () => {
    const blocker = await startHarness(join(base, 'c'));
    const port = Number(new URL(urlOf(blocker)).port);
    try {
      const failed = await startHarness(join(base, 'd'), port).catch((e: Error) => ({ line: e.message }) as Running);
      expect(failed.line).toMatch(/FAILED embedded PostgreSQL failed to start/);
      expect(failed.line).toMatch(/Set DATABASE_URL/);
      expect(failed.line).toMatch(/Server log:.*(already in use|could not bind|lock file)/i);
    } finally {
      blocker.child.kill('SIGTERM');
      await exited(blocker.child);
    }
  }, 60_000);
});
