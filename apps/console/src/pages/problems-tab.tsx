import { useState } from 'preact/hooks';
import type { DeadLetter, Tenant } from '../lib/api';
import { useApi } from '../lib/api-context';
import { formatCount, formatTime } from '../lib/format';
import { kindText } from '../lib/pck-result';
import { useAction, useLoad } from '../lib/use-load';
import { ErrorMessage } from '../components/error-message';

/** Problemer: what did not reach the shop or PCK, why (in Norwegian, with the technical detail), and the fix. */
export function ProblemsTab({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const problems = useLoad(() => api.problems(tenant.id, { limit: 200 }), [api, tenant.id], 5000);
  const [done, setDone] = useState<string | null>(null);
  const requeueAll = useAction(async () => {
    const r = await api.requeue(tenant.id, {});
    setDone(`${formatCount(r.requeued)} sendt til køen igjen.`);
    problems.reload();
  });

  const p = problems.data;
  const nothing = p && p.deadLetters.total === 0 && p.failedOrders.length === 0 && p.failedDeliveries.length === 0;
  return (
    <section aria-labelledby="problems-title">
      <h2 id="problems-title">Problemer</h2>
      <ErrorMessage error={problems.error} what="Kunne ikke hente problemene" />
      {done ? (
        <div class="message ok" role="status">
          {done}
        </div>
      ) : null}
      {nothing ? (
        <div class="message ok" data-testid="no-problems">
          Ingen problemer. Alt PCKasse har sendt er kommet fram, eller er på vei.
        </div>
      ) : null}
      {p && p.deadLetters.total > 0 ? (
        <>
          <h3>Kom ikke fram til nettbutikken ({formatCount(p.deadLetters.total)})</h3>
          <p class="muted">
            Disse endringene feilet for mange ganger og ble lagt til side. Rett årsaken (f.eks. i nettbutikken), og send
            dem på nytt. Avvis en endring som ikke skal fram; den kommer tilbake neste gang PCKasse sender varen.
          </p>
          <div class="actions">
            <button type="button" disabled={requeueAll.busy} onClick={() => void requeueAll.run()}>
              Send alle på nytt
            </button>
          </div>
          <ErrorMessage error={requeueAll.error} />
          <ul class="problem-list">
            {p.deadLetters.items.map((d) => (
              <DeadLetterItem
                key={`${d.kind}:${d.key}`}
                tenantId={tenant.id}
                item={d}
                onDone={(text) => {
                  setDone(text);
                  problems.reload();
                }}
              />
            ))}
          </ul>
        </>
      ) : null}
      {p && p.failedOrders.length > 0 ? (
        <FailedOrders tenantId={tenant.id} orders={p.failedOrders} onDone={problems.reload} />
      ) : null}
      {p && p.failedDeliveries.length > 0 ? (
        <>
          <h3>Leveringer som feilet ({p.failedDeliveries.length})</h3>
          <p class="muted">
            PCKasse prøver en levering på nytt selv når den sender den igjen. Sjekk ordren i nettbutikken.
          </p>
          <ul>
            {p.failedDeliveries.map((d, i) => (
              <li key={i} class="mono">
                {JSON.stringify(d)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function DeadLetterItem({
  tenantId,
  item,
  onDone,
}: {
  tenantId: string;
  item: DeadLetter;
  onDone(text: string): void;
}) {
  const api = useApi();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const selection = { kind: item.kind, keys: [item.key] };
  const requeue = useAction(async () => {
    await api.requeue(tenantId, selection);
    onDone(`${kindText(item.kind)} ${item.key} er sendt til køen igjen.`);
  });
  const dismiss = useAction(async () => {
    await api.dismiss(tenantId, selection, reason.trim());
    onDone(`${kindText(item.kind)} ${item.key} er avvist.`);
  });
  const id = `dl-${item.kind}-${item.key}`.replace(/[^\w-]/g, '_');
  return (
    <li class="panel problem" data-key={item.key} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        {kindText(item.kind)} <span class="mono">{item.key}</span>
      </h4>
      <p class="human">{item.humanMessage}</p>
      <p class="muted">
        {item.attempts} forsøk · første feil {formatTime(item.firstFailureAt)} · siste feil{' '}
        {formatTime(item.lastFailureAt)}
      </p>
      {item.technical ? (
        <details>
          <summary>Teknisk detalj</summary>
          <pre class="preview">{item.technical}</pre>
        </details>
      ) : null}
      <details>
        <summary>Endringen</summary>
        <pre class="preview">{JSON.stringify(item.record, null, 2)}</pre>
      </details>
      <div class="actions">
        <button type="button" disabled={requeue.busy} onClick={() => void requeue.run()}>
          Send på nytt
        </button>
        <button type="button" class="secondary" aria-expanded={dismissing} onClick={() => setDismissing(!dismissing)}>
          Avvis …
        </button>
      </div>
      {dismissing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim().length >= 3) void dismiss.run();
          }}
        >
          <label for={`${id}-reason`}>Hvorfor avvises den?</label>
          <input
            id={`${id}-reason`}
            type="text"
            value={reason}
            onInput={(e) => setReason((e.target as HTMLInputElement).value)}
          />
          <div class="actions">
            <button type="submit" class="danger" disabled={dismiss.busy || reason.trim().length < 3}>
              Avvis endringen
            </button>
          </div>
        </form>
      ) : null}
      <ErrorMessage error={requeue.error ?? dismiss.error} />
    </li>
  );
}

function FailedOrders({
  tenantId,
  orders,
  onDone,
}: {
  tenantId: string;
  orders: Record<string, unknown>[];
  onDone(): void;
}) {
  const api = useApi();
  const retry = useAction(async (orderId: number) => {
    await api.retryOrder(tenantId, orderId);
    onDone();
  });
  return (
    <>
      <h3>Ordre PCKasse ikke kunne ta imot ({orders.length})</h3>
      <p class="muted">
        Rett årsaken (f.eks. en vare eller kunde som mangler i PCKasse), og gi ordren til PCKasse igjen. Den hentes ved
        neste «Oppfrisk».
      </p>
      <ErrorMessage error={retry.error} />
      <div class="table-wrap">
        <table class="cards">
          <thead>
            <tr>
              <th>Ordre</th>
              <th>Årsak</th>
              <th>
                <span class="sr-only">Handling</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => {
              const orderId = Number(o['shopOrderId'] ?? o['orderId']);
              return (
                <tr key={orderId}>
                  <td data-label="Ordre">#{String(o['customOrderNumber'] ?? orderId)}</td>
                  <td data-label="Årsak">{String(o['failureReason'] ?? '–')}</td>
                  <td data-label="">
                    <button type="button" disabled={retry.busy} onClick={() => void retry.run(orderId)}>
                      Gi til PCKasse igjen
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
