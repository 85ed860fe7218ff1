import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { details, table } from '../output';
import { findTenant } from '../tenant-ref';
import type { CommandContext } from './command-context';

interface Progress {
  pending: number;
  deadLettered: number;
  byKind: { kind: string; pending: number; deadLettered: number }[];
  oldestPendingAgeMs: number | null;
  appliedPerMinute: number;
  etaSeconds: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const eta = (s: number | null) =>
  s === null ? 'unknown' : s < 90 ? `${s} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;

export function registerProgressCommand(program: Command, ctx: CommandContext): void {
  program
    .command('progress')
    .description(
      'what is waiting for the shop, how fast it drains and when it will be done; --watch draws a progress bar until it is',
    )
    .argument('<tenant>', 'id, PCK login or name')
    .option('--watch', 'poll every --interval seconds until nothing is pending')
    .option('--interval <seconds>', 'poll interval with --watch', '2')
    .option('--max-wait <seconds>', 'give up watching after this long (exit 1)', '3600')
    .action(async (ref: string, o: { watch?: boolean; interval: string; maxWait: string }) => {
      const client = ctx.client();
      const t = await findTenant(client, ref);
      const read = () => client.get<Progress>(`/tenants/${t.id}/progress`);
      let p = await read();
      if (o.watch && p.pending > 0) {
        const total = p.pending;
        const bar =
          ctx.io.isTty && !ctx.json()
            ? new SingleBar(
                {
                  format: '{bar} {value}/{total} applied | {pending} pending | {rate}/min | eta {eta_text}',
                  stream: process.stderr,
                },
                Presets.shades_classic,
              )
            : undefined;
        bar?.start(total, 0, { pending: p.pending, rate: p.appliedPerMinute, eta_text: eta(p.etaSeconds) });
        const end = Date.now() + Number(o.maxWait) * 1000;
        let max = total;
        while (p.pending > 0 && Date.now() < end) {
          await sleep(Number(o.interval) * 1000);
          p = await read();
          // A resend still arriving makes the queue grow: the bar's total grows with it.
          max = Math.max(max, p.pending);
          bar?.setTotal(max);
          bar?.update(max - p.pending, { pending: p.pending, rate: p.appliedPerMinute, eta_text: eta(p.etaSeconds) });
          if (!bar && !ctx.json())
            ctx.io.err(`${p.pending} pending, ${p.appliedPerMinute}/min, eta ${eta(p.etaSeconds)}`);
        }
        bar?.stop();
        if (p.pending > 0) ctx.exitCode = 1;
      }
      ctx.print(p, () =>
        [
          details({
            tenant: `${t.name} (${t.pckLogin})`,
            pending: p.pending,
            deadLetters: p.deadLettered,
            oldestPending: p.oldestPendingAgeMs === null ? '' : `${Math.round(p.oldestPendingAgeMs / 1000)} s`,
            appliedPerMinute: p.appliedPerMinute,
            eta: eta(p.etaSeconds),
          }),
          '',
          table(p.byKind, ['kind', 'pending', 'deadLettered']),
        ].join('\n'),
      );
    });
}
