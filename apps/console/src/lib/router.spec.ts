import { hrefOf, parseRoute } from './router';

describe('console hash routes', () => {
  it('reads the overview, the new-shop page and each tenant tab', () => {
    expect(parseRoute('')).toEqual({ page: 'overview' });
    expect(parseRoute('#/')).toEqual({ page: 'overview' });
    expect(parseRoute('#/ny-butikk')).toEqual({ page: 'new-tenant' });
    expect(parseRoute('#/butikk/abc/fremdrift')).toEqual({ page: 'tenant', tenantId: 'abc', tab: 'fremdrift' });
    expect(parseRoute('#/butikk/abc')).toEqual({ page: 'tenant', tenantId: 'abc', tab: 'problemer' });
    expect(parseRoute('#/butikk/abc/tull')).toEqual({ page: 'tenant', tenantId: 'abc', tab: 'problemer' });
  });

  it('writes what it reads', () => {
    for (const hash of ['#/', '#/ny-butikk', '#/butikk/a%2Fb/oppsett']) {
      expect(hrefOf(parseRoute(hash))).toBe(hash);
    }
  });
});
