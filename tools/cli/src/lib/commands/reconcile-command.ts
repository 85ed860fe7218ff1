import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { CliError, CliErrorCode, EXIT } from '../cli.exception';
import { findTenant, type TenantSummary } from '../tenant-ref';
import type { CommandContext } from './command-context';

interface Difference {
  kind: string;
  key: string;
  field: string;
  expected: unknown;
  actual: unknown;
}
interface Report {
  tenantId: string;
  ok: boolean;
  entities: { checked: number; differences: Difference[] };
  orders: { checked: number; differences: Difference[] };
  duplicates: { products: unknown[]; pictures: unknown[] };
}
interface Job {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  result?: { report: Report; repair?: { restaged: number; bindingsRemoved: number } };
  error?: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function describe(t: TenantSummary, job: Job): string {
  const r = job.result?.report;
  if (!r) return `${t.name} (PCK login ${t.pckLogin}): failed: ${job.error ?? 'unknown error'}`;
  const diffs = [...r.entities.differences, ...r.orders.differences];
  const lines = [
    `${t.name} (PCK login ${t.pckLogin}): ${r.ok ? 'in step' : `${diffs.length} difference(s)`} — ${r.entities.checked} entities, ${r.orders.checked} orders checked`,
  ];
  for (const d of diffs.slice(0, 50))
    lines.push(`  ${d.kind} ${d.key} ${d.field}: expected ${show(d.expected)}, shop has ${show(d.actual)}`);
  if (diffs.length > 50) lines.push(`  … and ${diffs.length - 50} more (use --json)`);
  if (r.duplicates.products.length + r.duplicates.pictures.length > 0)
    lines.push(
      `  duplicates: ${r.duplicates.products.length} product SKU(s), ${r.duplicates.pictures.length} picture set(s)`,
    );
  if (job.result?.repair)
    lines.push(
      `  repair: ${job.result.repair.restaged} entities queued again, ${job.result.repair.bindingsRemoved} stale bindings dropped`,
    );
  return lines.join('\n');
}

export function registerReconcileCommand(program: Command, ctx: CommandContext): void {
  program
    .command('reconcile')
    .description('compare what PCK sent with what each shop holds (a job on the gateway); exit 1 when anything differs')
    .option('--tenant <tenant>', 'only this tenant (id, PCK login or name); default every active tenant with a shop')
    .option('--repair', 're-stage what differs, so the scheduler sends it again')
    .option('--max-wait <seconds>', 'give up waiting for a job after this long', '600')
    .action(async (o: { tenant?: string; repair?: boolean; maxWait: string }) => {
      const client = ctx.client();
      const tenants = o.tenant
        ? [await findTenant(client, o.tenant)]
        : (await client.get<TenantSummary[]>('/tenants')).filter((t) => t.active && t.shopUrl && t.hasShopCredentials);
      const results: (Report & { repair?: unknown; error?: string })[] = [];
      let allOk = true;
      for (const t of tenants) {
        let job = await client.json<Job>('POST', `/tenants/${t.id}/reconciliation-jobs`, { repair: Boolean(o.repair) });
        const bar =
          ctx.io.isTty && !ctx.json()
            ? new SingleBar(
                { format: `${t.name} {bar} {value}/{total}`, stream: process.stderr },
                Presets.shades_classic,
              )
            : undefined;
        bar?.start(Math.max(1, job.progress.total), job.progress.done);
        const end = Date.now() + Number(o.maxWait) * 1000;
        while (job.state !== 'done' && job.state !== 'failed') {
          if (Date.now() > end)
            throw new CliError(
              CliErrorCode.Unreachable,
              `reconciliation job ${job.id} did not finish within ${o.maxWait} s`,
            );
          await sleep(250);
          job = await client.get<Job>(`/tenants/${t.id}/reconciliation-jobs/${job.id}`);
          bar?.setTotal(Math.max(1, job.progress.total));
          bar?.update(job.progress.done);
        }
        bar?.stop();
        if (job.state === 'failed' || !job.result) {
          allOk = false;
          results.push({ tenantId: t.id, ok: false, error: job.error ?? 'failed' } as Report & { error: string });
        } else {
          allOk &&= job.result.report.ok;
          results.push({ ...job.result.report, ...(job.result.repair ? { repair: job.result.repair } : {}) });
        }
        if (!ctx.json()) ctx.io.out(describe(t, job));
      }
      if (ctx.json()) ctx.io.out(JSON.stringify(o.tenant ? results[0] : results, null, 2));
      else if (tenants.length === 0) ctx.io.out('no tenant with a shop to reconcile');
      if (!allOk) ctx.exitCode = EXIT.findings;
    });
}
