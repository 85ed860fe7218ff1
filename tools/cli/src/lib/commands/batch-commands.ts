import type { Command } from 'commander';
import { CliError, CliErrorCode } from '../cli.exception';
import { table } from '../output';
import { findTenant } from '../tenant-ref';
import type { CommandContext } from './command-context';

interface BatchRow {
  id: string;
  sequence: string;
  recordCount: number;
  status: string;
  createdAt: string;
  finishedAt: string | null;
  receipts: { ok: number; failed: number; skipped: number };
}

export function registerBatchCommands(program: Command, ctx: CommandContext): void {
  const batches = program.command('batches').description('batches sent to the shop and their TwinXML');

  batches
    .command('list')
    .description('newest first, with receipt counts')
    .argument('<tenant>', 'id, PCK login or name')
    .option('--limit <n>', 'how many', '20')
    .option('--before <sequence>', 'older than this sequence (paging)')
    .action(async (ref: string, o: { limit: string; before?: string }) => {
      const client = ctx.client();
      const t = await findTenant(client, ref);
      const q = new URLSearchParams({ limit: o.limit, ...(o.before ? { before: o.before } : {}) });
      const rows = await client.get<BatchRow[]>(`/tenants/${t.id}/batches?${q}`);
      ctx.print(rows, () =>
        table(
          rows.map((b) => ({
            sequence: b.sequence,
            id: b.id,
            status: b.status,
            records: b.recordCount,
            ok: b.receipts.ok,
            failed: b.receipts.failed,
            skipped: b.receipts.skipped,
            created: b.createdAt,
          })),
          ['sequence', 'id', 'status', 'records', 'ok', 'failed', 'skipped', 'created'],
        ),
      );
    });

  batches
    .command('show')
    .description('the batch’s TwinXML document to stdout (with --json: the batch and its receipts)')
    .argument('<tenant>', 'id, PCK login or name')
    .argument('<batch>', 'batch id, or its sequence number')
    .action(async (ref: string, batchRef: string) => {
      const client = ctx.client();
      const t = await findTenant(client, ref);
      let id = batchRef;
      if (/^\d+$/.test(batchRef)) {
        const page = await client.get<BatchRow[]>(`/tenants/${t.id}/batches?limit=1&before=${BigInt(batchRef) + 1n}`);
        if (page[0]?.sequence !== batchRef)
          throw new CliError(CliErrorCode.NotFound, `no batch with sequence ${batchRef}`);
        id = page[0].id;
      }
      if (ctx.json()) {
        ctx.io.out(JSON.stringify(await client.get(`/tenants/${t.id}/batches/${id}`), null, 2));
        return;
      }
      const doc = await client.request('GET', `/tenants/${t.id}/batches/${id}/document`, undefined, 'application/xml');
      ctx.io.out(doc.text);
    });
}
