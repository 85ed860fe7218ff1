import { parseArgs } from 'node:util';
import { formatReconcileReport } from '@pcknop/nop-applier';
import { formatReport } from '@pcknop/pck-sim';
import { readDevState } from './dev-credentials';
import { DemoError, DemoErrorCode } from './demo.exception';
import { runDemo, type DemoOptions } from './run-demo';

const num = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new DemoError(DemoErrorCode.BadOption, `--${name} ${v}`);
  return n;
};

/**
 * `npm run demo [-- --articles N --orders N --seed N --timeout-s N --verbose]` against the system `npm start` runs:
 * gateway, admin token, PCK login and shop come from the launcher's state file (or GATEWAY_URL, ADMIN_URL, ADMIN_TOKEN,
 * NOP_BASE_URL, PCK_LOGIN, PCK_PASSWORD). Exit 0 when the reconciliation finds nothing, 1 when differences remain.
 */
export async function demoCli(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      articles: { type: 'string' },
      orders: { type: 'string' },
      seed: { type: 'string' },
      'timeout-s': { type: 'string' },
      verbose: { type: 'boolean' },
    },
    strict: true,
  });
  const dev = readDevState();
  const env = process.env;
  const gatewayUrl = env.GATEWAY_URL ?? dev.gatewayUrl ?? 'http://127.0.0.1:8080/WebshopWS';
  const options: DemoOptions = {
    gatewayUrl,
    adminUrl: env.ADMIN_URL ?? dev.adminUrl ?? new URL('/admin', gatewayUrl).toString(),
    adminToken: env.ADMIN_TOKEN ?? dev.adminToken ?? '',
    shopUrl: env.NOP_BASE_URL ?? dev.shopUrl ?? 'http://127.0.0.1:5081',
    pckLogin: Number(env.PCK_LOGIN ?? dev.pckLogin ?? 0),
    pckPassword: env.PCK_PASSWORD ?? dev.pckPassword ?? '',
    articles: num('articles', values.articles),
    orders: num('orders', values.orders),
    seed: num('seed', values.seed),
    drainTimeoutMs: (num('timeout-s', values['timeout-s']) ?? 180) * 1000,
  };
  if (!options.adminToken || !options.pckLogin) {
    throw new DemoError(
      DemoErrorCode.BadOption,
      'no PCK login or admin token: run `npm start` (simulator mode) first, or set PCK_LOGIN, PCK_PASSWORD and ADMIN_TOKEN',
    );
  }
  console.log(`Demo against ${options.gatewayUrl} (PCK login ${options.pckLogin}), shop ${options.shopUrl}`);
  const result = await runDemo(options);
  if (values.verbose) {
    console.log(formatReport(result.catalogue));
    console.log(formatReport(result.orders));
  }
  console.log(formatReconcileReport(result.reconciliation));
  return result.reconciliation.ok ? 0 : 1;
}
