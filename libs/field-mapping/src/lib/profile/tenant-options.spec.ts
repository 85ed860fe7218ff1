import fc from 'fast-check';
import { FieldMappingError } from '../field-mapping.exception';
import { readTenantOptions, resolveTenantProfile, validateTenantOptions, type TenantOptions } from './tenant-options';

describe('tenant options', () => {
  it('refuses unknown keys with a clear message naming the known ones', () => {
    const r = validateTenantOptions({ images: true, imgaes: false });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { path: '/imgaes', message: expect.stringMatching(/^unknown option "imgaes" \(known: groupSource, images, /) },
    ]);
    const nested = validateTenantOptions({ flush: { maxDelay: 5 } });
    expect(nested.ok ? [] : nested.issues.map((i) => i.path)).toEqual(['/flush/maxDelay']);
  });

  it('checks types, ranges and that «Webshop kunde» mode has a customer id', () => {
    const r = validateTenantOptions({
      groupSource: 'articleGroups',
      currency: 'nok',
      flush: { maxBatchSize: 0 },
      customerMode: 'webshopCustomer',
    });
    expect(r.ok ? [] : r.issues.map((i) => i.path).sort()).toEqual([
      '/currency',
      '/flush/maxBatchSize',
      '/groupSource',
      '/webshopCustomerId',
    ]);
    expect(validateTenantOptions({ customerMode: 'webshopCustomer', webshopCustomerId: 10 }).ok).toBe(true);
    expect(validateTenantOptions([]).ok).toBe(false);
  });

  it('checks the order trigger option: licence number when enabled, an http(s) URL, no unknown keys', () => {
    expect(
      validateTenantOptions({
        orderTrigger: { enabled: true, licenceNo: '40001', baseUrl: 'https://min.pckasse.no/QueueGetOrders.aspx' },
      }).ok,
    ).toBe(true);
    expect(validateTenantOptions({ orderTrigger: { enabled: true, licenceNo: 12345 } }).ok).toBe(true);
    expect(validateTenantOptions({ orderTrigger: { enabled: false } }).ok).toBe(true);
    const r = validateTenantOptions({ orderTrigger: { enabled: true, baseUrl: 'ftp://x', licence: '1' } });
    expect(r.ok ? [] : r.issues).toEqual(
      expect.arrayContaining([
        { path: '/orderTrigger/licence', message: 'unknown option "licence" (known: enabled, baseUrl, licenceNo)' },
        { path: '/orderTrigger/licenceNo', message: 'is required when the order trigger is enabled' },
        expect.objectContaining({ path: '/orderTrigger/baseUrl' }),
      ]),
    );
  });

  it('reads stored options leniently: unknown legacy keys are ignored, invalid known ones throw', () => {
    expect(readTenantOptions({ legacy: 1, images: false })).toEqual({ images: false });
    expect(readTenantOptions(null)).toEqual({});
    expect(() => readTenantOptions({ images: 'yes' })).toThrow(FieldMappingError);
  });

  it('without profile and options: the default profile with a new customer per order', () => {
    const p = resolveTenantProfile({ mappingProfile: null, options: {} });
    expect(p.orders.customerMode).toBe('customerPerOrder');
    expect(p.groups.source).toBe('webGroups');
    const legacy = resolveTenantProfile({ mappingProfile: null, options: { webshopCustomerId: 42 } });
    expect(legacy.orders).toMatchObject({ customerMode: 'singleCustomer', webshopCustomerId: 42 });
  });

  it('options win over the stored profile', () => {
    const stored = {
      schemaVersion: 1,
      groups: { source: 'webGroups', link: 'allLevels' },
      images: { enabled: true },
      orders: { webshopCustomerId: 3 },
    };
    const p = resolveTenantProfile({
      mappingProfile: stored,
      options: { groupSource: 'none', images: false, customerMode: 'customerPerOrder', removal: 'delete' },
    });
    expect(p.groups).toEqual({ source: 'off', link: 'allLevels' });
    expect(p.images.enabled).toBe(false);
    expect(p.orders.customerMode).toBe('customerPerOrder');
    expect(p.articles.publish.removal).toBe('delete');
  });

  it('property: every valid options object resolves, and each set option shows in the profile', () => {
    const options = fc
      .record(
        {
          groupSource: fc.constantFrom('varegrupper' as const, 'webgrupper' as const, 'none' as const),
          images: fc.boolean(),
          variantMode: fc.constantFrom('ownProducts' as const, 'combinations' as const),
          customerMode: fc.constantFrom('webshopCustomer' as const, 'customerPerOrder' as const),
          webshopCustomerId: fc.integer({ min: 1, max: 2_147_483_647 }),
          removal: fc.constantFrom('unpublish' as const, 'delete' as const),
        },
        { requiredKeys: [] },
      )
      .filter((o: TenantOptions) => o.customerMode !== 'webshopCustomer' || o.webshopCustomerId !== undefined);
    fc.assert(
      fc.property(options, (o) => {
        expect(validateTenantOptions(o).ok).toBe(true);
        const p = resolveTenantProfile({ mappingProfile: null, options: o });
        if (o.groupSource)
          expect(p.groups.source).toBe(
            { varegrupper: 'articleGroups', webgrupper: 'webGroups', none: 'off' }[o.groupSource],
          );
        if (o.images !== undefined) expect(p.images.enabled).toBe(o.images);
        if (o.variantMode)
          expect(p.variants.mode).toBe(o.variantMode === 'ownProducts' ? 'separateProducts' : 'attributeCombinations');
        if (o.removal) expect(p.articles.publish.removal).toBe(o.removal);
        if (o.customerMode)
          expect(p.orders.customerMode).toBe(
            o.customerMode === 'webshopCustomer' ? 'singleCustomer' : 'customerPerOrder',
          );
        if (o.webshopCustomerId !== undefined) expect(p.orders.webshopCustomerId).toBe(o.webshopCustomerId);
      }),
      { numRuns: 200 },
    );
  });
});
