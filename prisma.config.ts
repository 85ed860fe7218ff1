// Prisma 6.19 CLI configuration for machines that reach only the npm registry: the Wasm schema
// engine (`engine: 'js'`) over the pg driver adapter, with the workarounds the toolchain notes record.
import 'dotenv/config';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// Workaround 1 (prisma#27403): adapter-pg cannot deserialize pg_catalog's `name` and `"char"`
// columns that the schema engine reads; present them as text.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PgResult = require('pg/lib/result');
const remap: Record<number, number> = { 19: 25, 18: 25, 1003: 1009, 1002: 1009 };
const originalAddFields = PgResult.prototype.addFields;
PgResult.prototype.addFields = function addFields(fields: { dataTypeID: number }[]) {
  for (const field of fields) field.dataTypeID = remap[field.dataTypeID] ?? field.dataTypeID;
  return originalAddFields.call(this, fields);
};

// Workaround 2: discrete fields, never a connectionString (which would make the shadow pool point
// at the main database).
function pgConfig() {
  const raw = process.env.DATABASE_URL;
  if (!raw) throw new Error('DATABASE_URL is not set: point it at the PostgreSQL database to migrate.');
  const url = new URL(raw);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.replace(/^\//, ''),
    allowExitOnIdle: true,
    idleTimeoutMillis: 500,
  };
}

// Workaround 3: close the shadow pool before dropping the shadow database, and drop WITH (FORCE).
class OfflinePrismaPg extends PrismaPg {
  override async connectToShadowDb() {
    const main = await this.connect();
    const name = `prisma_shadow_${randomUUID().replace(/-/g, '')}`;
    await main.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = await new PrismaPg({ ...pgConfig(), database: name }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new OfflinePrismaPg(pgConfig()),
  schema: path.join('libs', 'staging-store', 'prisma', 'schema.prisma'),
  migrations: { path: path.join('libs', 'staging-store', 'prisma', 'migrations') },
});
