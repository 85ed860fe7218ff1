import fc from 'fast-check';
import { apply } from 'json-merge-patch';
import { optionsPatch, settingsOf, settingsProblem, type ShopSettings } from './shop-settings';

const settings: fc.Arbitrary<ShopSettings> = fc.record({
  groupSource: fc.constantFrom('varegrupper' as const, 'webgrupper' as const, 'none' as const),
  images: fc.boolean(),
  variantMode: fc.constantFrom('ownProducts' as const, 'combinations' as const),
  customerMode: fc.constantFrom('webshopCustomer' as const, 'customerPerOrder' as const),
  webshopCustomerId: fc.integer({ min: 1, max: 999_999 }),
  removal: fc.constantFrom('unpublish' as const, 'delete' as const),
});

const profiles = fc.constantFrom<unknown>(
  null,
  {
    schemaVersion: 1,
    groups: { source: 'articleGroups' },
    variants: { mode: 'attributeCombinations' },
    images: { enabled: false },
  },
  {
    schemaVersion: 1,
    orders: { customerMode: 'singleCustomer', webshopCustomerId: 77 },
    articles: { publish: { removal: 'delete' } },
  },
);

describe('Oppsett form ↔ tenant options', () => {
  it('reads back exactly what it saved, whatever the profile says and the options held before', () => {
    fc.assert(
      fc.property(
        settings,
        profiles,
        fc.constantFrom<Record<string, unknown>>({}, { currency: 'NOK', groupSource: 'none', webshopCustomerId: 5 }),
        (s, profile, before) => {
          const options = apply(structuredClone(before), optionsPatch(s)) as Record<string, unknown>;
          expect(settingsOf({ mappingProfile: profile, options })).toEqual({
            ...s,
            webshopCustomerId: s.customerMode === 'webshopCustomer' ? s.webshopCustomerId : null,
          });
          // Options the form does not show survive the patch.
          if (before['currency']) expect(options['currency']).toBe('NOK');
          if (s.customerMode === 'customerPerOrder') expect('webshopCustomerId' in options).toBe(false);
        },
      ),
    );
  });

  it('shows the profile\u2019s choices when no option overrides them, and the gateway defaults without either', () => {
    expect(settingsOf({ mappingProfile: null, options: {} })).toEqual({
      groupSource: 'webgrupper',
      images: true,
      variantMode: 'ownProducts',
      customerMode: 'customerPerOrder',
      webshopCustomerId: null,
      removal: 'unpublish',
    });
    expect(
      settingsOf({
        mappingProfile: {
          groups: { source: 'articleGroups' },
          variants: { mode: 'attributeCombinations' },
          images: { enabled: false },
          orders: { customerMode: 'singleCustomer', webshopCustomerId: 77 },
          articles: { publish: { removal: 'delete' } },
        },
        options: {},
      }),
    ).toEqual({
      groupSource: 'varegrupper',
      images: false,
      variantMode: 'combinations',
      customerMode: 'webshopCustomer',
      webshopCustomerId: 77,
      removal: 'delete',
    });
    expect(
      settingsOf({ mappingProfile: { groups: { source: 'articleGroups' } }, options: { groupSource: 'none' } })
        .groupSource,
    ).toBe('none');
  });

  it('refuses «Webshop kunde» without a customer number, in Norwegian', () => {
    const s = settingsOf({ mappingProfile: null, options: {} });
    expect(settingsProblem({ ...s, customerMode: 'webshopCustomer', webshopCustomerId: null })).toMatch(
      /Webshop kunde/,
    );
    expect(settingsProblem(s)).toBeNull();
  });
});
