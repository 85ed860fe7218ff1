import { useApi } from '../lib/api-context';
import type { Tenant } from '../lib/api';
import { ApiErrorCode } from '../lib/api-error';
import { hrefOf, TENANT_TABS, type TenantTab } from '../lib/router';
import { useLoad } from '../lib/use-load';
import { ErrorMessage } from '../components/error-message';
import { ActivityTab } from './activity-tab';
import { ProblemsTab } from './problems-tab';
import { ProgressTab } from './progress-tab';
import { ReconciliationTab } from './reconciliation-tab';
import { SetupTab } from './setup-tab';

const TAB_TEXT: Record<TenantTab, string> = {
  problemer: 'Problemer',
  aktivitet: 'Aktivitet',
  fremdrift: 'Fremdrift',
  avstemming: 'Avstemming',
  oppsett: 'Oppsett',
};

/** One tenant: its name and the five tabs. */
export function TenantPage({
  tenantId,
  tab,
  onUnauthorized,
}: {
  tenantId: string;
  tab: TenantTab;
  onUnauthorized(): void;
}) {
  const api = useApi();
  const tenant = useLoad(() => api.getTenant(tenantId), [api, tenantId]);
  if (tenant.error?.code === ApiErrorCode.Unauthorized) onUnauthorized();

  const t: Tenant | undefined = tenant.data;
  return (
    <section aria-labelledby="tenant-title">
      <p>
        <a href={hrefOf({ page: 'overview' })}>← Oversikt</a>
      </p>
      <h1 id="tenant-title">{t ? t.name : 'Butikk'}</h1>
      {t && !t.active ? <div class="message warn">Butikken er deaktivert.</div> : null}
      <ErrorMessage error={tenant.error} what="Kunne ikke hente butikken" />
      <nav class="tabs" aria-label="Butikkens sider">
        {TENANT_TABS.map((name) => (
          <a
            key={name}
            href={hrefOf({ page: 'tenant', tenantId, tab: name })}
            aria-current={name === tab ? 'page' : undefined}
          >
            {TAB_TEXT[name]}
          </a>
        ))}
      </nav>
      {t ? (
        <div class="panel">
          {tab === 'oppsett' ? <SetupTab tenant={t} onChanged={tenant.reload} /> : null}
          {tab === 'problemer' ? <ProblemsTab tenant={t} /> : null}
          {tab === 'aktivitet' ? <ActivityTab tenant={t} /> : null}
          {tab === 'fremdrift' ? <ProgressTab tenant={t} /> : null}
          {tab === 'avstemming' ? <ReconciliationTab tenant={t} /> : null}
        </div>
      ) : null}
    </section>
  );
}
