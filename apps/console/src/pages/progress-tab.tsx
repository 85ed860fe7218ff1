import { useRef } from 'preact/hooks';
import type { Tenant } from '../lib/api';
import { useApi } from '../lib/api-context';
import { nextDrain, PROGRESS_POLL_MS, type Drain } from '../lib/drain';
import { formatCount, formatDuration, formatTime, percent } from '../lib/format';
import { kindText } from '../lib/pck-result';
import { useLoad } from '../lib/use-load';
import { CardTable } from '../components/card-table';
import { ErrorMessage } from '../components/error-message';

/** Fremdrift: a live progress bar while the shop takes what PCK sent (e.g. «send alt på nytt»). */
export function ProgressTab({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const drain = useRef<Drain | null>(null);
  const progress = useLoad(
    async () => {
      const p = await api.progress(tenant.id);
      drain.current = nextDrain(drain.current, p.pending);
      return { p, drain: drain.current, at: new Date() };
    },
    [api, tenant.id],
    PROGRESS_POLL_MS,
  );
  const data = progress.data;
  const pct = data ? percent(data.drain.done, data.drain.total) : 0;
  const finished = data !== undefined && data.p.pending === 0;

  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">Fremdrift</h2>
      <ErrorMessage error={progress.error} what="Kunne ikke hente fremdriften" />
      {data ? (
        <>
          {data.p.shopPause ? (
            <div class="message error" role="alert" data-testid="shop-pause">
              Sendingen hviler fordi nettbutikken ikke svarer som den skal: {data.p.shopPause.reason} Ingenting går
              tapt; neste forsøk
              {data.p.pausedUntil ? ` ${formatTime(data.p.pausedUntil)}` : ' snart'}.
            </div>
          ) : null}
          <label for="drain-bar">
            {finished
              ? 'Alt er sendt til nettbutikken.'
              : `Sender til nettbutikken: ${formatCount(data.drain.done)} av ${formatCount(data.drain.total)}`}
          </label>
          <progress
            id="drain-bar"
            max={100}
            value={pct}
            aria-valuenow={pct}
            aria-valuemin={0}
            aria-valuemax={100}
            data-testid="drain-bar"
          >
            {pct} %
          </progress>
          <p class="muted" aria-live="polite" data-testid="drain-status">
            {finished ? 'Ferdig' : `${pct} %`} · oppdatert {formatTime(data.at)}:
            {String(data.at.getSeconds()).padStart(2, '0')}
          </p>
          <div class="progress-figures">
            <div class="figure">
              <div class="value" data-testid="pending">
                {formatCount(data.p.pending)}
              </div>
              <div class="label">venter</div>
            </div>
            <div class="figure">
              <div class="value">{formatCount(data.p.appliedPerMinute)}</div>
              <div class="label">sendt per minutt</div>
            </div>
            <div class="figure">
              <div class="value">
                {finished ? '–' : formatDuration(data.p.etaSeconds === null ? null : data.p.etaSeconds * 1000)}
              </div>
              <div class="label">ferdig om (anslag)</div>
            </div>
            <div class="figure">
              <div class="value">{formatDuration(data.p.oldestPendingAgeMs)}</div>
              <div class="label">eldste ventende</div>
            </div>
            <div class="figure">
              <div class="value">{formatCount(data.p.deadLettered)}</div>
              <div class="label">lagt til side (se Problemer)</div>
            </div>
          </div>
          {data.p.byKind.length > 0 ? (
            <CardTable
              rows={data.p.byKind}
              rowKey={(k) => k.kind}
              columns={[
                { label: 'Type', cell: (k) => kindText(k.kind) },
                { label: 'Venter', num: true, cell: (k) => formatCount(k.pending) },
                { label: 'Lagt til side', num: true, cell: (k) => formatCount(k.deadLettered) },
              ]}
            />
          ) : null}
        </>
      ) : (
        <p class="loading">Henter …</p>
      )}
    </section>
  );
}
