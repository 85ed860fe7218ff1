const { rmSync } = require('node:fs');

module.exports = async function globalTeardown() {
  const db = globalThis.__PCKNOP_EMBEDDED_PG__;
  if (!db) return;
  globalThis.__PCKNOP_EMBEDDED_PG__ = undefined;
  await db.stop();
  rmSync(db.dataDir, { recursive: true, force: true });
  delete process.env.DATABASE_URL;
};
