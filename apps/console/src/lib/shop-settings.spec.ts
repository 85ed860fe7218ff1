import fc from 'fast-check';
import { validateProfile } from '@pcknop/field-mapping';
import { patchedProfile, profilePatch, settingsOf, settingsProblem, type ShopSettings } from './shop-settings';

const settings: fc.Arbitrary<ShopSettings> = fc.record({
  groupSource: fc.constantFrom('articleGroups' as const, 'webGroups' as const, 'off' as const),
  images: fc.boolean(),
  variantMode: fc.constantFrom('separateProducts' as const, 'attributeCombinations' as const),
  customerMode: fc.constantFrom('singleCustomer' as const, 'customerPerOrder' as const),
  webshopCustomerId: fc.integer({ min: 1, max: 999_999 }),
  removal: fc.constantFrom('unpublish' as const, 'delete' as const),
});

describe('shop settings form ↔ mapping profile', () => {
  it('reads back exactly what it wrote, and the profile it writes is valid', () => {
    fc.assert(
      fc.property(settings, fc.constantFrom<unknown>(null, { schemaVersion: 1, label: 'Butikk', groups: { link: 'allLevels' } }), (s, start) => {
        const profile = patchedProfile(start, profilePatch(s));
        const back = settingsOf({ mappingProfile: profile, options: {} });
        expect(back).toEqual({ ...s, webshopCustomerId: s.customerMode === 'singleCustomer' ? s.webshopCustomerId : null });
        expect(validateProfile(profile).ok).toBe(true);
        // Fields the form does not show survive.
        if (start) expect((profile as { label: string }).label).toBe('Butikk');
      }),
    );
  });

  it('reads the gateway defaults for a tenant without a profile', () => {
    expect(settingsOf({ mappingProfile: null, options: {} })).toEqual({
      groupSource: 'webGroups',
      images: true,
      variantMode: 'separateProducts',
      customerMode: 'customerPerOrder',
      webshopCustomerId: null,
      removal: 'unpublish',
    });
    expect(settingsOf({ mappingProfile: null, options: { webshopCustomerId: 10 } })).toMatchObject({ customerMode: 'singleCustomer', webshopCustomerId: 10 });
  });

  it('refuses «Webshop kunde» without a customer number, in Norwegian', () => {
    const s = settingsOf({ mappingProfile: null, options: {} });
    expect(settingsProblem({ ...s, customerMode: 'singleCustomer', webshopCustomerId: null })).toMatch(/Webshop kunde/);
    expect(settingsProblem(s)).toBeNull();
  });

  it('patches a copy and leaves the stored profile as it was', () => {
    const before = { schemaVersion: 1, groups: { source: 'webGroups', link: 'allLevels' } };
    const after = patchedProfile(before, { groups: { source: 'off' } });
    expect(after).toEqual({ schemaVersion: 1, groups: { source: 'off', link: 'allLevels' } });
    expect(before.groups.source).toBe('webGroups');
  });
});
