import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DEFAULT_MIGRATIONS_DIR, pendingMigrations } from './apply-migrations';
import { connectStore } from './create-store';
import { runMigrateCommand } from './migrate-command';
import { StoreError, StoreErrorCode } from './store.exception';

/** An empty database (no migrations applied) on the server of DATABASE_URL. */
async function emptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL as string;
  const name = `migcmd_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function pendingIn(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await pendingMigrations(client, DEFAULT_MIGRATIONS_DIR);
  } finally {
    await client.end();
  }
}

function recordingLogger() {
  const lines: { level: 'info' | 'error'; fields: object; message: string }[] = [];
  return {
    lines,
    info: (fields: object, message: string) => lines.push({ level: 'info', fields, message }),
    error: (fields: object, message: string) => lines.push({ level: 'error', fields, message }),
  };
}

describe('migrate command and MIGRATE_ON_START=false', () => {
  jest.setTimeout(60_000);
  let db: { url: string; drop(): Promise<void> };
  beforeEach(async () => {
    db = await emptyDatabase();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('an app with migrate: false refuses an unmigrated database and names what is pending', async () => {
    const pending = await pendingIn(db.url);
    expect(pending.length).toBeGreaterThan(0);
    const error = await connectStore({ url: db.url, migrate: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe(StoreErrorCode.MigrationsPending);
    expect((error as StoreError).message).toContain(pending[0]);
    expect(await pendingIn(db.url)).toEqual(pending); // nothing was changed
  });

  it('the migrate command applies everything once, then an app with migrate: false starts', async () => {
    const logger = recordingLogger();
    expect(await runMigrateCommand({ url: db.url, logger })).toBe(0);
    expect(await pendingIn(db.url)).toEqual([]);
    expect(logger.lines.at(-1)?.message).toMatch(/^applied \d+ migration\(s\)$/);

    expect(await runMigrateCommand({ url: db.url, logger })).toBe(0);
    expect(logger.lines.at(-1)?.message).toBe('database is up to date');

    const store = await connectStore({ url: db.url, migrate: false });
    try {
      expect(store.appliedMigrations).toEqual([]);
      expect((await store.pool.query('SELECT count(*)::int AS n FROM "_prisma_migrations"')).rows[0].n).toBeGreaterThan(
        0,
      );
    } finally {
      await store.close();
    }
  });

  it('the migrate command exits 1 with the reason when the database cannot be reached', async () => {
    const logger = recordingLogger();
    const unreachable = new URL(db.url);
    unreachable.port = '1';
    expect(await runMigrateCommand({ url: unreachable.toString(), logger })).toBe(1);
    expect(logger.lines.at(-1)?.level).toBe('error');
    expect(logger.lines.at(-1)?.message).toMatch(/^migrate failed: The database cannot be reached/);
  });
});
