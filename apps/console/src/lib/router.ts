/** Hash routes (#/tenants/<id>/problemer): the gateway serves one page, so a reload never needs the server. */
export type Route =
  { page: 'overview' } | { page: 'new-tenant' } | { page: 'tenant'; tenantId: string; tab: TenantTab };

export const TENANT_TABS = ['problemer', 'aktivitet', 'fremdrift', 'avstemming', 'oppsett'] as const;
export type TenantTab = (typeof TENANT_TABS)[number];

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'ny-butikk') return { page: 'new-tenant' };
  if (parts[0] === 'butikk' && parts[1]) {
    const tab = (TENANT_TABS as readonly string[]).includes(parts[2] ?? '') ? (parts[2] as TenantTab) : 'problemer';
    return { page: 'tenant', tenantId: parts[1], tab };
  }
  return { page: 'overview' };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'overview':
      return '#/';
    case 'new-tenant':
      return '#/ny-butikk';
    case 'tenant':
      return `#/butikk/${encodeURIComponent(route.tenantId)}/${route.tab}`;
  }
}

export function navigate(route: Route): void {
  location.hash = hrefOf(route);
}
