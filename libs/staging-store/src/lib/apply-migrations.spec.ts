import { cpSync, mkdtempSync, appendFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../testing';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, pendingMigrations } from './apply-migrations';
import { StoreErrorCode } from './store.exception';

// Prisma's `migrate deploy` (which CI and operators may run instead of the apps) splits a script on every ';', even
// one inside a comment, and then fails on the comment's remainder: keep semicolons out of migration comments.
it('no migration has a semicolon in a comment (prisma migrate deploy would split the script there)', () => {
  const dirs = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory());
  expect(dirs.length).toBeGreaterThan(0);
  const offending = dirs.flatMap((d) =>
    readFileSync(join(DEFAULT_MIGRATIONS_DIR, d.name, 'migration.sql'), 'utf8')
      .split('\n')
      .filter((line) => /--.*;/.test(line))
      .map((line) => `${d.name}: ${line.trim()}`),
  );
  expect(offending).toEqual([]);
});

describe('applyMigrations', () => {
  let db: TestDatabase;
  let emptyUrl: string;
  beforeAll(async () => {
    db = await createTestDatabase('mig'); // already migrated
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const name = `${db.name}_empty`;
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(db.url);
    u.pathname = `/${name}`;
    emptyUrl = u.toString();
  });
  afterAll(async () => {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${db.name}_empty" WITH (FORCE)`);
    await admin.end();
    await db.drop();
  });

  it('migrates an empty database to the schema, writing Prisma’s migrations table', async () => {
    const first = await applyMigrations(emptyUrl);
    expect(first.applied.length).toBeGreaterThan(0);
    const c = new Client({ connectionString: emptyUrl });
    await c.connect();
    try {
      const tables = await c.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          'tenant',
          'entity_state',
          'binding',
          'batch',
          'batch_receipt',
          'web_order',
          'delivery',
          'cursor',
          'call_log',
          '_prisma_migrations',
        ]),
      );
      const logged = await c.query('SELECT migration_name, checksum FROM _prisma_migrations');
      expect(logged.rows.map((r) => r.migration_name)).toEqual(first.applied);
      expect(logged.rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(await pendingMigrations(c)).toEqual([]);
    } finally {
      await c.end();
    }
  });

  it('applies nothing the second time, also when several processes start at once', async () => {
    const runs = await Promise.all([applyMigrations(db.url), applyMigrations(db.url), applyMigrations(db.url)]);
    expect(runs.map((r) => r.applied)).toEqual([[], [], []]);
  });

  it('refuses an applied migration whose file changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mig-'));
    try {
      cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
      const first = (await applyMigrations(db.url, dir)).alreadyApplied;
      expect(first).toBeGreaterThan(0);
      const [name] = require('node:fs')
        .readdirSync(dir)
        .filter((n: string) => !n.endsWith('.toml'));
      appendFileSync(join(dir, name, 'migration.sql'), '\n-- edited later\n');
      await expect(applyMigrations(db.url, dir)).rejects.toMatchObject({ code: StoreErrorCode.MigrationChanged });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says clearly when the database cannot be reached', async () => {
    await expect(applyMigrations('postgresql://nobody@127.0.0.1:1/none')).rejects.toMatchObject({
      code: StoreErrorCode.DatabaseUnavailable,
    });
  });
});
