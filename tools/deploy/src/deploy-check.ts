// The production path in a scratch folder (CI runs it from .ci/run; no container engine needed):
//   tsx tools/deploy/src/deploy-check.ts [--skip-build] [--keep]
// Uses DATABASE_URL's server for a fresh database (its role needs CREATEDB), or an embedded PostgreSQL.
// Prints `deploy check: PASS` or `deploy check: FAIL` and exits 0 or 1.
import { resolve } from 'node:path';
import { scratchDeploy } from './lib/scratch-deploy';

const args = process.argv.slice(2);
const log = (line: string) => console.log(`[deploy-check] ${line}`);

scratchDeploy({
  workspaceRoot: resolve(__dirname, '../../..'),
  build: !args.includes('--skip-build'),
  keep: args.includes('--keep'),
  databaseUrl: process.env.DATABASE_URL || undefined,
  log,
}).then(
  (result) => {
    for (const [step, s] of Object.entries(result.seconds)) log(`${step}: ${s.toFixed(1)} s`);
    log(`${result.migrationsApplied} migrations applied; the shop holds SKU ${result.sku}`);
    if (args.includes('--keep')) log(`scratch folder kept: ${result.scratchDir}`);
    console.log('deploy check: PASS');
    process.exit(0);
  },
  (error: Error) => {
    console.error(error.message);
    console.log('deploy check: FAIL');
    process.exit(1);
  },
);
