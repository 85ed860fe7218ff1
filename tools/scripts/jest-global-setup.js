// Jest global setup shared by every project: when DATABASE_URL is unset, start one embedded
// PostgreSQL (test mode) for the whole run and hand its URL to the workers through the env.
module.exports = async function globalSetup() {
  if (process.env.DATABASE_URL || globalThis.__PCKNOP_EMBEDDED_PG__) return;
  require('tsx/cjs/api').register();
  const { startEmbeddedPostgres } = require('../../libs/staging-store/src/lib/embedded-postgres.ts');
  const path = require('node:path');
  const db = await startEmbeddedPostgres({
    dataDir: path.resolve(__dirname, '../../.data/pg-test'),
    database: 'pcknop_test',
    fast: true,
  });
  globalThis.__PCKNOP_EMBEDDED_PG__ = db;
  process.env.DATABASE_URL = db.url;
  process.env.PCKNOP_EMBEDDED_TEST_DB = '1';
};
