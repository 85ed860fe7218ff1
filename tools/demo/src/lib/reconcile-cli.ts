import { parseArgs } from 'node:util';
import { formatReconcileReport, reconcileTenantById, type ReconcileReport } from '@pcknop/nop-applier';
import { connectStore, repositories, type TenantRecord } from '@pcknop/staging-store';
import { loadSecretsKey, readDevState } from './dev-credentials';
import { DemoError, DemoErrorCode } from './demo.exception';

/**
 * `npm run reconcile -- [--tenant <id|login>] [--json]`: reconciles every active tenant with a shop (or one) straight
 * from the database (DATABASE_URL, else the one `npm start` runs). Shop credentials are decrypted with SECRETS_KEY
 * or the gateway's development key file. Exit 0 when nothing differs, 1 when something does.
 */
export async function reconcileCli(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { tenant: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  loadSecretsKey();
  const store = await connectStore({ url: process.env.DATABASE_URL ?? readDevState().databaseUrl });
  try {
    const repos = repositories(store);
    const all = await repos.tenants.list();
    let tenants: TenantRecord[];
    if (values.tenant) {
      const t = all.find((x) => x.id === values.tenant || String(x.pckLogin) === values.tenant);
      if (!t) throw new DemoError(DemoErrorCode.NoTenant, values.tenant);
      tenants = [t];
    } else {
      tenants = all.filter((t) => t.active && t.shopUrl && t.hasShopCredentials);
    }
    const reports: ReconcileReport[] = [];
    for (const t of tenants) reports.push(await reconcileTenantById(repos, t.id));
    if (values.json) console.log(JSON.stringify(values.tenant ? reports[0] : reports, null, 2));
    else for (const [i, r] of reports.entries()) console.log(`${tenants[i].name} (PCK login ${tenants[i].pckLogin})\n${formatReconcileReport(r)}\n`);
    if (reports.length === 0 && !values.json) console.log('no tenant with a shop to reconcile');
    return reports.every((r) => r.ok) ? 0 : 1;
  } finally {
    await store.close();
  }
}
