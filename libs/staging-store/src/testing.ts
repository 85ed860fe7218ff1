import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { applyMigrations } from './lib/apply-migrations';
import { createStore, type Store } from './lib/create-store';
import { repositories, type Repositories } from './lib/repositories';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database on the server of `DATABASE_URL` (set by the jest global setup, with an
 * embedded server when the environment has none). One per test file keeps files independent.
 */
export async function createTestDatabase(prefix = 't'): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set: run tests through jest (its global setup provides one).');
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A fresh database with a store and its repositories; `close()` drops it. */
export interface TestStore {
  db: TestDatabase;
  store: Store;
  repos: Repositories;
  close(): Promise<void>;
}

/** A test store over a fresh database (`createTestDatabase()`); the secrets key is made up if unset. */
export async function createTestStore(): Promise<TestStore> {
  process.env.SECRETS_KEY ??= randomBytes(32).toString('base64');
  const db = await createTestDatabase();
  const store = createStore({ url: db.url });
  return {
    db,
    store,
    repos: repositories(store),
    async close() {
      await store.close();
      await db.drop();
    },
  };
}
