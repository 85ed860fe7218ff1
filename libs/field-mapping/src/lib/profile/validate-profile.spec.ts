import { FieldMappingError, FieldMappingErrorCode } from '../field-mapping.exception';
import { defaultProfile, parseProfile, validateProfile } from './validate-profile';

describe('validateProfile', () => {
  it('fills the documented default (the classic integration)', () => {
    const p = defaultProfile(10001);
    expect(p.schemaVersion).toBe(1);
    expect(p.articles.sku.source).toBe('articleNo');
    expect(p.variants.mode).toBe('separateProducts');
    expect(p.groups.source).toBe('webGroups');
    expect(p.images.enabled).toBe(true);
    expect(p.orders).toMatchObject({
      customerMode: 'singleCustomer',
      webshopCustomerId: 10001,
      freightDescription: 'Frakt',
    });
    expect(p.ownership).toEqual({ default: 'pck', fields: {} });
    expect(p.vat.rates).toEqual({ '25': 1, '15': 2, '12': 3, '0': 4 });
    expect(p.timeZone).toBe('Europe/Oslo');
    expect(Object.isFrozen(p.articles)).toBe(true);
  });

  it('lets the profile choose between unpublishing and deleting a removed article', () => {
    expect(defaultProfile(1).articles.publish.removal).toBe('unpublish');
    const deleting = validateProfile({
      schemaVersion: 1,
      orders: { webshopCustomerId: 1 },
      articles: { publish: { removal: 'delete' } },
    });
    expect(deleting.ok && deleting.profile.articles.publish.removal).toBe('delete');
    const wrong = validateProfile({
      schemaVersion: 1,
      orders: { webshopCustomerId: 1 },
      articles: { publish: { removal: 'hide' } },
    });
    expect(wrong.ok ? [] : wrong.issues.map((i) => i.path)).toContain('/articles/publish/removal');
  });

  it('does not modify the caller object', () => {
    const input = { schemaVersion: 1, orders: { webshopCustomerId: 5 } };
    validateProfile(input);
    expect(input).toEqual({ schemaVersion: 1, orders: { webshopCustomerId: 5 } });
  });

  it('addresses every error by JSON pointer', () => {
    const r = validateProfile({
      schemaVersion: 1,
      variants: { mode: 'matrix' },
      groups: { source: 'both' },
      colour: true,
      vat: { rates: { '25': 1, '25.00': 2, abc: 3 } },
      ownership: { fields: { sku: 'shop', name: 'merchant' } },
      rules: { product: { name: '(', nope: '1' } },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.issues.map((i) => `${i.path}: ${i.message}`);
    expect(text).toEqual(
      expect.arrayContaining([
        '/variants/mode: must be one of "separateProducts", "attributeCombinations"',
        '/groups/source: must be one of "articleGroups", "webGroups", "off"',
        '/colour: is not a known setting',
        '/vat/rates/abc: is not an allowed key here',
        '/ownership/fields/sku: is not an allowed key here',
        '/ownership/fields/name: must be one of "pck", "shop"',
        '/rules/product/nope: is not an allowed key here',
        '/orders/webshopCustomerId: is required',
      ]),
    );
  });

  it('reports semantic problems once the schema passes', () => {
    const r = validateProfile({
      schemaVersion: 1,
      timeZone: 'Europe/Atlantis',
      orders: { webshopCustomerId: 1 },
      vat: { rates: { '25': 1, '25.00': 2 } },
      rules: { product: { name: 'name & (' } },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(['/timeZone', '/vat/rates/25.00', '/rules/product/name']);
  });

  it('does not need a customer id in customerPerOrder mode', () => {
    expect(validateProfile({ schemaVersion: 1, orders: { customerMode: 'customerPerOrder' } }).ok).toBe(true);
  });

  it('rejects unknown schema versions and non-objects', () => {
    expect(validateProfile({ schemaVersion: 2 })).toEqual({
      ok: false,
      issues: [{ path: '/schemaVersion', message: 'version 2 is not supported (known: 1)' }],
    });
    const r = validateProfile('nope');
    expect(r.ok).toBe(false);
    expect(validateProfile({}).ok).toBe(false);
  });

  it('parseProfile throws one error listing the issues', () => {
    try {
      parseProfile({ schemaVersion: 1, orders: { webshopCustomerId: 1 }, variants: { mode: 'x' } });
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(FieldMappingError);
      const err = e as FieldMappingError;
      expect(err.code).toBe(FieldMappingErrorCode.INVALID_PROFILE);
      expect(err.message).toContain('/variants/mode: must be one of');
      expect(err.issues).toHaveLength(1);
    }
  });
});
