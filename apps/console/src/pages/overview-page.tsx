import { useApi } from '../lib/api-context';
import type { Tenant } from '../lib/api';
import { formatAgo, formatCount, formatDuration } from '../lib/format';
import { hrefOf } from '../lib/router';
import { statusAdvice, tenantStatus, type TenantSummary } from '../lib/tenant-status';
import { useLoad } from '../lib/use-load';
import { CardTable } from '../components/card-table';
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
        <CardTable
          aria-describedby="overview-title"
          rows={rows.data.map((row) => ({ ...row, status: tenantStatus(row.summary) }))}
          rowKey={({ tenant }) => tenant.id}
          rowData={({ tenant }) => ({ 'data-tenant': tenant.name })}
          columns={[
            {
              label: 'Butikk',
              cell: ({ tenant }) => (
                <>
                  <a href={hrefOf({ page: 'tenant', tenantId: tenant.id, tab: 'problemer' })}>{tenant.name}</a>
                  <div class="muted">PCK-login {tenant.pckLogin}</div>
                </>
              ),
            },
            {
              label: 'Status',
              cell: ({ status }) => (
                <>
                  <StatusBadge status={status} />
                  <div class="sr-only">{statusAdvice(status)}</div>
                </>
              ),
            },
            { label: 'I kø', num: true, cell: ({ summary }) => formatCount(summary.pending) },
            { label: 'Eldste ventende', num: true, cell: ({ summary }) => formatDuration(summary.oldestPendingMs) },
            { label: 'Døde meldinger', num: true, cell: ({ summary }) => formatCount(summary.deadLetters) },
            { label: 'Feilede ordre', num: true, cell: ({ summary }) => formatCount(summary.failedOrders) },
            { label: 'Siste batch', cell: ({ summary }) => formatAgo(summary.lastBatchAt) },
            { label: 'Siste kall fra PCK', cell: ({ summary }) => formatAgo(summary.lastPckCallAt) },
          ]}
        />
      ) : null}
    </section>
  );
}
