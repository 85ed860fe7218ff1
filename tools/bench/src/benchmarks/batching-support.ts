import { applyMigrations, startEmbeddedPostgres } from '@pcknop/staging-store';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

// Shared by the batching benchmarks (not a benchmark itself: the runner loads only `*.bench.ts`).

/** A fresh database: on DATABASE_URL's server when set, else an embedded server in a temp dir. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const name = `bench_batching_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    await applyMigrations(url.toString());
    return {
      url: url.toString(),
      async drop() {
        const c = new Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-batching-'));
  const db = await startEmbeddedPostgres({ dataDir: dir, fast: true });
  await applyMigrations(db.url);
  return {
    url: db.url,
    async drop() {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
