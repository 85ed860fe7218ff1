import { useEffect, useState } from 'preact/hooks';
import type { Difference, ReconcileReport, ReconciliationJob, Tenant } from '../lib/api';
import { useApi } from '../lib/api-context';
import type { ApiError } from '../lib/api-error';
import { formatCount, formatTime, percent } from '../lib/format';
import { kindText } from '../lib/pck-result';
import { useLoad } from '../lib/use-load';
import { CardTable } from '../components/card-table';
import { ErrorMessage } from '../components/error-message';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(tom)';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Avstemming: compare what PCK sent with what the shop holds, field by field; repair re-sends what differs. */
export function ReconciliationTab({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const [job, setJob] = useState<ReconciliationJob | null>(null);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const latest = useLoad(() => api.reconciliationJobs(tenant.id, { limit: 1 }), [api, tenant.id]);

  // Poll the running job until it is done.
  useEffect(() => {
    if (!job || job.state === 'done' || job.state === 'failed') return;
    const timer = setTimeout(async () => {
      try {
        setJob(await api.reconciliationJob(tenant.id, job.id));
      } catch (e) {
        setError(e as ApiError);
      }
    }, 1000);
    return () => clearTimeout(timer);
  }, [job, api, tenant.id]);

  const start = async (repair: boolean) => {
    setError(undefined);
    try {
      setJob(await api.startReconciliation(tenant.id, repair));
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const running = job !== null && (job.state === 'queued' || job.state === 'running');
  const shown = job ?? latest.data?.[0] ?? null;

  return (
    <section aria-labelledby="reconcile-title">
      <h2 id="reconcile-title">Avstemming</h2>
      <p class="muted">
        Sammenligner det PCKasse sist sendte med det nettbutikken har, felt for felt, og at hver betalt ordre kom til
        PCKasse én gang.
      </p>
      <div class="actions">
        <button type="button" disabled={running} onClick={() => void start(false)}>
          Kjør avstemming
        </button>
        <button type="button" class="secondary" disabled={running} onClick={() => void start(true)}>
          Kjør og reparer
        </button>
      </div>
      <ErrorMessage error={error ?? latest.error} what="Avstemmingen kunne ikke kjøres" />
      {shown ? <JobView job={shown} /> : latest.data ? <p class="muted">Ingen avstemming er kjørt ennå.</p> : null}
    </section>
  );
}

function JobView({ job }: { job: ReconciliationJob }) {
  const pct = percent(job.progress.done, job.progress.total);
  if (job.state === 'queued' || job.state === 'running') {
    return (
      <div>
        <label for="reconcile-bar">Avstemmer … {pct} %</label>
        <progress id="reconcile-bar" max={100} value={pct} />
      </div>
    );
  }
  if (job.state === 'failed') {
    return (
      <div class="message error" role="alert">
        Avstemmingen feilet. <span class="mono">{job.error ?? ''}</span>
      </div>
    );
  }
  const report = job.result?.report;
  return (
    <div data-testid="reconcile-result">
      <p class="muted">
        {job.trigger === 'nightly' ? 'Nattlig avstemming' : 'Avstemming'} {formatTime(job.finishedAt ?? job.createdAt)}
      </p>
      {job.result?.repair ? (
        <div class="message info" role="status">
          Reparert: {formatCount(job.result.repair.restaged)} endringer sendes på nytt (se Fremdrift).
        </div>
      ) : null}
      {report ? <ReportView report={report} /> : null}
    </div>
  );
}

function ReportView({ report }: { report: ReconcileReport }) {
  const diffs: Difference[] = [...report.entities.differences, ...report.orders.differences];
  return (
    <>
      {report.ok ? (
        <div class="message ok" role="status">
          Alt stemmer: {formatCount(report.entities.checked)} oppføringer og {formatCount(report.orders.checked)} ordre
          sjekket.
        </div>
      ) : (
        <div class="message warn" role="status">
          {formatCount(diffs.length)} forskjeller,{' '}
          {formatCount(report.duplicates.products.length + report.duplicates.pictures.length)} duplikater.
        </div>
      )}
      {diffs.length > 0 ? (
        <CardTable
          data-testid="differences"
          rows={diffs.slice(0, 500)}
          rowKey={(_d, i) => i}
          columns={[
            {
              label: 'Hva',
              cell: (d) => (
                <>
                  {kindText(d.kind)} <span class="mono">{d.key}</span>
                </>
              ),
            },
            { label: 'Felt', cellClass: 'mono', cell: (d) => d.field },
            { label: 'Fra PCKasse', cellClass: 'diff-new', cell: (d) => show(d.expected) },
            { label: 'I nettbutikken', cellClass: 'diff-old', cell: (d) => show(d.actual) },
          ]}
        />
      ) : null}
      {report.duplicates.products.length > 0 ? (
        <>
          <h3>Produkter som finnes flere ganger</h3>
          <ul>
            {report.duplicates.products.map((d) => (
              <li key={d.sku}>
                <span class="mono">{d.sku}</span>: produkt {d.productIds.join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
