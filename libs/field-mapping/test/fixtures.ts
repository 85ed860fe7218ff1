import { Decimal } from 'decimal.js';
import type { Article, SizeColor } from '@pcknop/pck-contract';
import { parseProfile, type MappingProfile } from '../src';

export const RECEIVED_AT = new Date('2025-06-01T10:00:00Z');

/** Deep-merges `overrides` onto the default profile (webshop customer 10001) and validates. */
export function profileWith(overrides: Record<string, unknown> = {}): MappingProfile {
  const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) {
      const cur = out[k];
      out[k] =
        v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)
          ? merge(cur as Record<string, unknown>, v as Record<string, unknown>)
          : v;
    }
    return out;
  };
  return parseProfile(merge({ schemaVersion: 1, orders: { webshopCustomerId: 10001 } }, overrides));
}

export function article(overrides: Partial<Article> = {}): Article {
  return {
    alternatives: [],
    articleId: 4711,
    articleNo: 'BLÅ-100',
    articleStatus: 0,
    name: 'Blåbærsyltetøy',
    subtitle: 'Økologisk, 350 g',
    description: 'Laget på norske blåbær.\nPasser til vafler & pannekaker.',
    info1: 'Oppbevares kjølig',
    eans: ['7038010055690'],
    salesPrice: new Decimal('49.90'),
    storePrice: new Decimal('52.90'),
    costPrice: new Decimal('21.50'),
    vat: new Decimal('15'),
    visibleOnWeb: true,
    hideWhenOutOfStock: false,
    sizeColorInUse: false,
    sizeColors: [],
    stockCount: 12,
    stockDetails: [],
    webstockLimit: 2,
    weight: new Decimal('0.35'),
    length: new Decimal('8'),
    width: new Decimal('8'),
    height: new Decimal('11'),
    manufacturer: { manufacturerId: 7, name: 'Lerum' },
    articleGroup: { arcileGroupId: 1, groupNumber: 1, name: 'Mat' },
    articleGroup2: { arcileGroupId: 12, groupNumber: 2, name: 'Syltetøy' },
    externalGroupId: 300,
    ...overrides,
  };
}

export function sizeColor(id: number, size: string, color: string, overrides: Partial<SizeColor> = {}): SizeColor {
  return {
    sizeColorId: id,
    size: { sizeId: 100 + id, name: size },
    color: { colorId: 200 + (color === 'Rød' ? 1 : 2), name: color },
    eans: [],
    stockCount: 5,
    stockDetails: [],
    sizeColorInUse: true,
    ...overrides,
  };
}

export function garment(overrides: Partial<Article> = {}): Article {
  return article({
    articleId: 900,
    articleNo: 'GENSER-1',
    name: 'Strikkegenser',
    subtitle: undefined,
    vat: new Decimal('25'),
    salesPrice: new Decimal('899'),
    sizeColorInUse: true,
    stockCount: 0,
    webstockLimit: 1,
    sizeColors: [
      sizeColor(1, 'S', 'Rød', { eans: ['7038010000010'] }),
      sizeColor(2, 'M', 'Rød', { stockCount: 1 }),
      sizeColor(3, 'M', 'Blå', { sizeColorInUse: false }),
    ],
    ...overrides,
  });
}
