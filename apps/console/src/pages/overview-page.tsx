import { useApi } from '../lib/api-context';
import type { Tenant } from '../lib/api';
import { formatAgo, formatCount, formatDuration } from '../lib/format';
import { hrefOf } from '../lib/router';
import { statusAdvice, tenantStatus, type TenantSummary } from '../lib/tenant-status';
import { useLoad } from '../lib/use-load';
import { ErrorMessage } from '../components/error-message';
import { StatusBadge } from '../components/status-badge';

interface Row {
  tenant: Tenant;
  summary: TenantSummary;
}

/** Oversikt: every tenant the token may see, with its status and the figures that explain it. Refreshed every 5 s. */
export function OverviewPage() {
  const api = useApi();
  const rows = useLoad<Row[]>(
    async () => {
      const tenants = await api.listTenants();
      return Promise.all(tenants.map(async (tenant) => ({ tenant, summary: await api.tenantSummary(tenant) })));
    },
    [api],
    5000,
  );

  return (
    <section aria-labelledby="overview-title">
      <div class="actions" style={{ justifyContent: 'space-between' }}>
        <h1 id="overview-title">Oversikt</h1>
        <a class="button" href={hrefOf({ page: 'new-tenant' })}>
          Ny butikk
        </a>
      </div>
      <ErrorMessage error={rows.error} what="Kunne ikke hente butikkene" />
      {rows.data === undefined && rows.loading ? <p class="loading">Henter butikkene …</p> : null}
      {rows.data && rows.data.length === 0 ? (
        <div class="message info">Ingen butikker ennå. Velg «Ny butikk» for å sette opp den første.</div>
      ) : null}
      {rows.data && rows.data.length > 0 ? (
        <div class="table-wrap">
          <table class="cards" aria-describedby="overview-title">
            <thead>
              <tr>
                <th>Butikk</th>
                <th>Status</th>
                <th class="num">I kø</th>
                <th class="num">Eldste ventende</th>
                <th class="num">Døde meldinger</th>
                <th class="num">Feilede ordre</th>
                <th>Siste batch</th>
                <th>Siste kall fra PCK</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.map(({ tenant, summary }) => {
                const status = tenantStatus(summary);
                return (
                  <tr key={tenant.id} data-tenant={tenant.name}>
                    <td data-label="Butikk">
                      <a href={hrefOf({ page: 'tenant', tenantId: tenant.id, tab: 'problemer' })}>{tenant.name}</a>
                      <div class="muted">PCK-login {tenant.pckLogin}</div>
                    </td>
                    <td data-label="Status">
                      <StatusBadge status={status} />
                      <div class="sr-only">{statusAdvice(status)}</div>
                    </td>
                    <td data-label="I kø" class="num">
                      {formatCount(summary.pending)}
                    </td>
                    <td data-label="Eldste ventende" class="num">
                      {formatDuration(summary.oldestPendingMs)}
                    </td>
                    <td data-label="Døde meldinger" class="num">
                      {formatCount(summary.deadLetters)}
                    </td>
                    <td data-label="Feilede ordre" class="num">
                      {formatCount(summary.failedOrders)}
                    </td>
                    <td data-label="Siste batch">{formatAgo(summary.lastBatchAt)}</td>
                    <td data-label="Siste kall fra PCK">{formatAgo(summary.lastPckCallAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
