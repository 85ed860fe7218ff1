import { Decimal } from 'decimal.js';
import type { ProductDto } from '@pcknop/nopcommerce-client';
import { FieldMappingErrorCode, pckToTwin, previewArticle } from '../src';
import { RECEIVED_AT, article, garment, profileWith } from './fixtures';

const NOW = new Date('2025-06-05T12:00:00Z');

describe('previewArticle (dry run)', () => {
  const current: ProductDto = {
    id: 55,
    sku: 'BLÅ-100',
    name: 'Blåbærsyltetøy',
    short_description: 'Økologisk, 350 g',
    full_description: '<p>Egen tekst</p>',
    price: 44.9,
    published: true,
    stock_quantity: 10,
    tax_category_id: 2,
  };

  it('shows every field as added for a new product', async () => {
    const r = await previewArticle(profileWith(), article(), undefined, { now: NOW });
    expect(r.diff.every((d) => d.change === 'added')).toBe(true);
    expect(r.diff.find((d) => d.field === 'name')).toEqual({
      field: 'name',
      profileField: 'name',
      owner: 'pck',
      current: null,
      next: 'Blåbærsyltetøy',
      change: 'added',
    });
    expect(r.payload.products[0].isCreate).toBe(true);
  });

  it('diffs field by field against the shop product', async () => {
    const r = await previewArticle(profileWith(), article(), current, { now: NOW });
    expect(r.changes.map((c) => [c.field, c.current, c.next])).toEqual(
      expect.arrayContaining([
        ['full_description', '<p>Egen tekst</p>', 'Laget på norske blåbær.<br />\nPasser til vafler &amp; pannekaker.'],
        ['price', 44.9, 49.9],
      ]),
    );
    expect(r.diff.find((d) => d.field === 'name')?.change).toBe('unchanged');
    expect(r.diff.find((d) => d.field === 'sku')?.change).toBe('unchanged');
  });

  it('shows what a shop-owned field keeps, and what a rule would change, before it is switched on', async () => {
    const profile = profileWith({
      ownership: { fields: { fullDescription: 'shop' } },
      rules: { product: { name: 'name & " " & $substringBefore(subtitle, ",")' } },
    });
    const r = await previewArticle(profile, article(), current, { now: NOW });
    expect(r.diff.find((d) => d.field === 'full_description')).toMatchObject({
      change: 'keptByShop',
      owner: 'shop',
      next: '<p>Egen tekst</p>',
    });
    expect(r.diff.find((d) => d.field === 'name')).toMatchObject({
      change: 'changed',
      current: 'Blåbærsyltetøy',
      next: 'Blåbærsyltetøy Økologisk',
    });
  });

  it('previews variants in the payload', async () => {
    const r = await previewArticle(profileWith(), garment(), undefined, { now: NOW });
    expect(r.payload.products.map((p) => p.key)).toEqual(['a:900', 'a:900:sc:1', 'a:900:sc:2', 'a:900:sc:3']);
  });
});

describe('custom rules in the mapping', () => {
  const map = (rules: Record<string, unknown>, a = article()) =>
    pckToTwin(profileWith({ rules }), { operation: 'sendArticle', article: a }, { receivedAt: RECEIVED_AT });

  it('templates, lookups and conditions per field, with $default', async () => {
    const r = await map({
      product: {
        name: '$uppercase(name)',
        shortDescription: '$lookup({"7": "Fra Lerum"}, $string(manufacturer.manufacturerId))',
        fullDescription: '$default & "<p>" & info1 & "</p>"',
        published: 'stockCount > 100 ? false : $default',
        price: 'salesPrice * 0.9',
        gtin: 'articleNo = "BLÅ-100" ? "7038010000027" : $default',
      },
    });
    const p = r.products[0];
    expect(p.name).toBe('BLÅBÆRSYLTETØY');
    expect(p.shortDescription).toBe('Fra Lerum');
    expect(p.longDescription).toBe(
      'Laget på norske blåbær.<br />\nPasser til vafler &amp; pannekaker.<p>Oppbevares kjølig</p>',
    );
    expect(p.published).toBe(true);
    expect(p.price.toString()).toBe('44.91');
    expect(p.gtins).toEqual(['7038010000027', '7038010055690']);
  });

  it('variant rules see the variant and $article', async () => {
    const r = await map(
      { variant: { sku: '$article.articleNo & "_" & size.name & "_" & color.name', discontinued: 'stockCount < 2' } },
      garment(),
    );
    expect(r.products[0].variants.map((v) => [v.sku, v.discontinued])).toEqual([
      ['GENSER-1_S_Rød', false],
      ['GENSER-1_M_Rød', true],
      ['GENSER-1_M_Blå', false],
    ]);
  });

  it('no result keeps the default; null clears an optional field', async () => {
    const p = (await map({ product: { name: 'nosuchfield', shortDescription: 'null', offerPrice: '39.9' } }))
      .products[0];
    expect(p.name).toBe('Blåbærsyltetøy');
    expect(p.shortDescription).toBeUndefined();
    expect(p.offer?.price).toEqual(new Decimal('39.9'));
  });

  it('a rule that throws names the field and the rule', async () => {
    await expect(
      map({ product: { shortDescription: '$error("Mangler undertittel for " & name)' } }),
    ).rejects.toMatchObject({
      code: FieldMappingErrorCode.RULE_FAILED,
      message: expect.stringMatching(/product\.shortDescription.*\$error.*Mangler undertittel for Blåbærsyltetøy/),
    });
  });

  it('a rule that loops is stopped by the time limit', async () => {
    await expect(
      map({ timeoutMs: 30, product: { name: '($loop := function($n){ $loop($n + 1) }; $loop(0))' } }),
    ).rejects.toMatchObject({
      code: FieldMappingErrorCode.RULE_TIMEOUT,
      message: expect.stringContaining('product.name'),
    });
  });

  it('a rule with the wrong result type is refused', async () => {
    await expect(map({ product: { published: '"ja"' } })).rejects.toMatchObject({
      code: FieldMappingErrorCode.RULE_BAD_RESULT,
    });
  });
});
