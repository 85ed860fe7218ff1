// Jest global setup shared by every project: when DATABASE_URL is unset, start one embedded
// PostgreSQL (test mode) for the whole run and hand its URL to the workers through the env.
// Each run gets its own data directory, so two runs at once never touch each other's server.
const { chmodSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  if (process.env.DATABASE_URL || globalThis.__PCKNOP_EMBEDDED_PG__) return;
  require('tsx/cjs/api').register();
  const { startEmbeddedPostgres } = require('../../libs/staging-store/src/lib/embedded-postgres.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'pcknop-test-pg-'));
  chmodSync(dataDir, 0o755); // as root, the server runs as the postgres user
  const db = await startEmbeddedPostgres({ dataDir: join(dataDir, 'data'), database: 'pcknop_test', fast: true });
  globalThis.__PCKNOP_EMBEDDED_PG__ = { ...db, dataDir };
  process.env.DATABASE_URL = db.url;
};
