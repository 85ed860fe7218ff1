import type { Command } from 'commander';
import { CliError, CliErrorCode, EXIT } from '../cli.exception';
import { table } from '../output';
import { findTenant } from '../tenant-ref';
import type { CommandContext } from './command-context';

interface DeadLetter {
  kind: string;
  key: string;
  humanMessage: string;
  technical: string | null;
  attempts: number;
  lastFailureAt: string;
}
interface Problems {
  deadLetters: { total: number; items: DeadLetter[] };
  failedOrders: { shopOrderId: number; failureReason: string | null; pckStatus: number | null }[];
  failedDeliveries: { ref: string; shopOrderId: number; lastError: string | null }[];
}

const collect = (v: string, prev: string[]) => [...prev, v];

function selection(o: { kind?: string; key: string[]; all?: boolean }): { kind?: string; keys?: string[] } {
  if (!o.all && !o.kind && o.key.length === 0)
    throw new CliError(CliErrorCode.Usage, 'say which: --key <key> (repeatable), --kind <kind>, or --all');
  if (o.all && (o.kind || o.key.length > 0))
    throw new CliError(CliErrorCode.Usage, '--all cannot be combined with --kind or --key');
  return { ...(o.kind ? { kind: o.kind } : {}), ...(o.key.length > 0 ? { keys: o.key } : {}) };
}

export function registerProblemCommands(program: Command, ctx: CommandContext): void {
  const problems = program
    .command('problems')
    .description('dead letters, failed orders and deliveries; requeue or dismiss them');

  problems
    .command('list')
    .description('what needs attention (exit 1 when anything does)')
    .argument('<tenant>', 'id, PCK login or name')
    .option('--kind <kind>', 'only dead letters of this kind (product, category, image…)')
    .option('--limit <n>', 'at most this many dead letters', '50')
    .action(async (ref: string, o: { kind?: string; limit: string }) => {
      const client = ctx.client();
      const t = await findTenant(client, ref);
      const q = new URLSearchParams({ limit: o.limit, ...(o.kind ? { kind: o.kind } : {}) });
      const p = await client.get<Problems>(`/tenants/${t.id}/problems?${q}`);
      const count = p.deadLetters.total + p.failedOrders.length + p.failedDeliveries.length;
      ctx.print(p, () =>
        [
          `Dead letters: ${p.deadLetters.total}`,
          table(
            p.deadLetters.items.map((d) => ({
              kind: d.kind,
              key: d.key,
              attempts: d.attempts,
              lastFailure: d.lastFailureAt,
              message: d.humanMessage,
              technical: d.technical,
            })),
            ['kind', 'key', 'attempts', 'lastFailure', 'message', 'technical'],
          ),
          '',
          `Failed orders: ${p.failedOrders.length}`,
          table(
            p.failedOrders.map((x) => ({ order: x.shopOrderId, pckStatus: x.pckStatus, reason: x.failureReason })),
            ['order', 'pckStatus', 'reason'],
          ),
          '',
          `Failed deliveries: ${p.failedDeliveries.length}`,
          table(
            p.failedDeliveries.map((x) => ({ ref: x.ref, order: x.shopOrderId, error: x.lastError })),
            ['ref', 'order', 'error'],
          ),
        ].join('\n'),
      );
      if (count > 0) ctx.exitCode = EXIT.findings;
    });

  problems
    .command('requeue')
    .description('put dead letters back in the queue: one or more --key, a --kind, or --all')
    .argument('<tenant>', 'id, PCK login or name')
    .option('--key <key>', 'entity key, e.g. a:1001 (repeatable)', collect, [])
    .option('--kind <kind>', 'every dead letter of this kind')
    .option('--all', 'every dead letter')
    .action(async (ref: string, o: { kind?: string; key: string[]; all?: boolean }) => {
      const sel = selection(o);
      const client = ctx.client();
      const t = await findTenant(client, ref);
      const r = await client.json<{ requeued: number }>('POST', `/tenants/${t.id}/problems/requeue`, sel);
      ctx.print(r, () => `${r.requeued} requeued.`);
    });

  problems
    .command('dismiss')
    .description('give up on dead letters with a reason (until PCK sends a newer change)')
    .argument('<tenant>', 'id, PCK login or name')
    .requiredOption('--reason <text>', 'why (kept in the audit log)')
    .option('--key <key>', 'entity key (repeatable)', collect, [])
    .option('--kind <kind>', 'every dead letter of this kind')
    .option('--all', 'every dead letter')
    .action(async (ref: string, o: { kind?: string; key: string[]; all?: boolean; reason: string }) => {
      const sel = selection(o);
      const client = ctx.client();
      const t = await findTenant(client, ref);
      const r = await client.json<{ dismissed: number }>('POST', `/tenants/${t.id}/problems/dismiss`, {
        ...sel,
        reason: o.reason,
      });
      ctx.print(r, () => `${r.dismissed} dismissed.`);
    });
}
