import { useState } from 'preact/hooks';
import type { Batch, Tenant } from '../lib/api';
import { useApi } from '../lib/api-context';
import { formatCount, formatTime } from '../lib/format';
import { kindText, pckResultText } from '../lib/pck-result';
import { useAction, useLoad } from '../lib/use-load';
import { CardTable } from '../components/card-table';
import { ErrorMessage } from '../components/error-message';

const BATCH_STATUS: Record<string, string> = {
  applied: 'Sendt',
  done: 'Sendt',
  partial: 'Delvis',
  failed: 'Feilet',
  running: 'Sender',
  pending: 'Venter',
};

/** Aktivitet: batches sent to the shop with receipts and their TwinXML, and PCK's calls to the gateway. */
export function ActivityTab({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const batches = useLoad(() => api.batches(tenant.id, { limit: 25 }), [api, tenant.id], 5000);
  const calls = useLoad(() => api.calls(tenant.id, { limit: 50 }), [api, tenant.id], 5000);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <section aria-labelledby="activity-title">
      <h2 id="activity-title">Aktivitet</h2>
      <h3>Sendt til nettbutikken</h3>
      <ErrorMessage error={batches.error} what="Kunne ikke hente batchene" />
      {batches.data && batches.data.length === 0 ? <p class="muted">Ingenting sendt ennå.</p> : null}
      {batches.data && batches.data.length > 0 ? (
        <div class="table-wrap">
          <table class="cards">
            <thead>
              <tr>
                <th>Batch</th>
                <th>Tid</th>
                <th class="num">Endringer</th>
                <th>Status</th>
                <th class="num">OK / feilet / hoppet over</th>
                <th>
                  <span class="sr-only">Handlinger</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {batches.data.map((b) => (
                <BatchRow
                  key={b.id}
                  tenantId={tenant.id}
                  batch={b}
                  open={open === b.id}
                  onToggle={() => setOpen(open === b.id ? null : b.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <h3>Kall fra PCKasse</h3>
      <ErrorMessage error={calls.error} what="Kunne ikke hente kall-loggen" />
      {calls.data && calls.data.length === 0 ? <p class="muted">PCKasse har ikke kalt gatewayen ennå.</p> : null}
      {calls.data && calls.data.length > 0 ? (
        <CardTable
          data-testid="call-log"
          rows={calls.data}
          rowKey={(c) => c.id}
          columns={[
            { label: 'Tid', cell: (c) => formatTime(c.at) },
            { label: 'Kall', cellClass: 'mono', cell: (c) => c.operation },
            {
              label: 'Svar',
              cell: (c) => (
                <>
                  {pckResultText(c.result)}
                  {c.message ? <div class="muted">{c.message}</div> : null}
                </>
              ),
            },
            { label: 'Tid brukt', num: true, cell: (c) => `${formatCount(c.durationMs)} ms` },
            { label: 'Gjelder', cellClass: 'mono', cell: (c) => c.entityKey ?? '–' },
          ]}
        />
      ) : null}
    </section>
  );
}

function BatchRow({
  tenantId,
  batch,
  open,
  onToggle,
}: {
  tenantId: string;
  batch: Batch;
  open: boolean;
  onToggle(): void;
}) {
  const api = useApi();
  const download = useAction(async () => {
    const xml = await api.batchDocument(tenantId, batch.id);
    // The document needs the bearer token, so it is fetched and handed to the browser as a file.
    const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `batch-${batch.sequence}.xml`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  const replay = useAction(() => api.replayBatch(tenantId, batch.id));
  const r = batch.receipts;
  return (
    <>
      <tr data-batch={batch.sequence}>
        <td data-label="Batch" class="mono">
          #{batch.sequence}
        </td>
        <td data-label="Tid">{formatTime(batch.createdAt)}</td>
        <td data-label="Endringer" class="num">
          {formatCount(batch.recordCount)}
        </td>
        <td data-label="Status">{BATCH_STATUS[batch.status] ?? batch.status}</td>
        <td data-label="OK / feilet / hoppet over" class="num">
          {r ? `${r.ok} / ${r.failed} / ${r.skipped}` : '–'}
        </td>
        <td data-label="">
          <div class="actions compact">
            <button type="button" class="secondary" aria-expanded={open} onClick={onToggle}>
              Kvitteringer
            </button>
            <button type="button" class="secondary" disabled={download.busy} onClick={() => void download.run()}>
              Last ned TwinXML
            </button>
            <button type="button" class="secondary" disabled={replay.busy} onClick={() => void replay.run()}>
              Send på nytt
            </button>
          </div>
          <ErrorMessage error={download.error ?? replay.error} />
          {replay.result ? (
            <div class="message ok" role="status">
              Sendt på nytt: {replay.result.applied} OK, {replay.result.failed} feilet.
            </div>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={6}>
            <Receipts tenantId={tenantId} batchId={batch.id} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function Receipts({ tenantId, batchId }: { tenantId: string; batchId: string }) {
  const api = useApi();
  const detail = useLoad(() => api.batch(tenantId, batchId), [api, tenantId, batchId]);
  if (detail.error) return <ErrorMessage error={detail.error} />;
  if (!detail.data) return <p class="loading">Henter …</p>;
  return (
    <ul>
      {detail.data.receipts.map((x) => (
        <li key={`${x.kind}:${x.key}`}>
          {kindText(x.kind)} <span class="mono">{x.key}</span>:{' '}
          {x.status === 'ok' ? 'OK' : x.status === 'failed' ? 'feilet' : 'hoppet over'}
          {x.humanMessage || x.message ? <span class="muted"> – {x.humanMessage ?? x.message}</span> : null}
        </li>
      ))}
    </ul>
  );
}
