import { Decimal } from 'decimal.js';
import type { Article, ArticleGroup, Color, Manufacturer, Size, SizeColor, StockDetail } from '@pcknop/pck-contract';
import { norwegianEan13 } from './ean';
import { must } from './must';
import { Prng } from './prng';
import {
  ARTICLE_GROUPS,
  CLOTHING_SIZES,
  COLORS,
  MANUFACTURERS,
  PLACES,
  PRODUCT_TEMPLATES,
  SELLING_POINTS,
  SHOE_SIZES,
  WEB_GROUPS,
  type ProductTemplate,
} from './norwegian-words';

/** Where the shop's categories come from in PCK: varegrupper or webgrupper (3 levels). */
export type GroupSource = 'articleGroups' | 'webGroups';

export type ImageFormat = 'png' | 'jpeg';

/** An image of an article; bytes are made when the call is built (see images.ts). */
export interface ImageSpec {
  /** 'main' → sendImage; 'color' → sendImageColor (colorId 0 = extra gallery image). */
  kind: 'main' | 'color';
  colorId: number;
  imageId: number;
  format: ImageFormat;
  /** `#rrggbb`. */
  rgb: string;
}

export interface CatalogueArticle {
  article: Article;
  images: ImageSpec[];
  /** The template's web-group path [level1, level2, level3?], kept for a later switch of group source. */
  webPath: number[];
}

/** A generated PCK catalogue: what the till knows, plus counters for what later scenarios add. */
export interface Catalogue {
  seed: number;
  groupSource: GroupSource;
  /** Varegrupper (sent with groupNumber 1 when the source is 'articleGroups'). */
  articleGroups: ArticleGroup[];
  /** Webgrupper, levels 1–3, parents before children. */
  webGroups: ArticleGroup[];
  manufacturers: Manufacturer[];
  sizes: Size[];
  colors: Color[];
  articles: CatalogueArticle[];
  /** Last timestamp handed out; later scenarios continue after it so PCK's ordering guard holds. */
  clock: number;
  nextArticleId: number;
  nextSizeColorId: number;
  nextEanItem: number;
}

export interface CatalogueOptions {
  groupSource?: GroupSource;
  /** Share of articles with an offer price window (default 0.1). */
  offerShare?: number;
  /** Share of articles with a main image (default 0.9). */
  imageShare?: number;
  /** First timestamp, epoch ms (default 2025-03-03T07:00:00Z); each object gets the next second. */
  startTime?: number;
}

export const DEFAULT_START_TIME = Date.UTC(2025, 2, 3, 7, 0, 0);
const TIMESTAMP_STEP_MS = 1000;
export const FIRST_ARTICLE_ID = 1001;
const WAREHOUSES = [1, 2];

/** Hands out strictly increasing timestamps (epoch ms), one per object sent. */
export class TimestampClock {
  constructor(private last: number) {}
  next(): number {
    this.last += TIMESTAMP_STEP_MS;
    return this.last;
  }
  get current(): number {
    return this.last;
  }
  /** Move on to a later moment (e.g. the next day), never backwards. */
  advanceTo(t: number): void {
    this.last = Math.max(this.last, t);
  }
}

/** A price incl. VAT ending in ,00 / ,50 / ,90 (øre included), from whole-krone bounds. */
export function realisticPrice(rng: Prng, min: number, max: number): Decimal {
  if (max <= 100) return new Decimal(rng.int(min, max)).minus(rng.pick(['0', '0.10', '0.50']));
  const step = max > 1000 ? 100 : 10;
  const base = Math.max(step, Math.round(rng.int(min, max) / step) * step);
  return new Decimal(base).minus(rng.pick(['1', '1', '0.10', '0.50']));
}

/** A copy whose arrays and nested objects can be changed without touching the original (Decimals are immutable). */
export function cloneArticle(a: Article): Article {
  return {
    ...a,
    alternatives: a.alternatives.map((x) => ({ ...x })),
    eans: [...a.eans],
    stockDetails: a.stockDetails.map((d) => ({ ...d })),
    sizeColors: a.sizeColors.map((sc) => ({
      ...sc,
      eans: [...sc.eans],
      stockDetails: sc.stockDetails.map((d) => ({ ...d })),
      size: sc.size ? { ...sc.size } : undefined,
      color: sc.color ? { ...sc.color } : undefined,
    })),
    manufacturer: a.manufacturer ? { ...a.manufacturer } : undefined,
    articleGroup: a.articleGroup ? { ...a.articleGroup } : undefined,
    articleGroup2: a.articleGroup2 ? { ...a.articleGroup2 } : undefined,
    articleGroup3: a.articleGroup3 ? { ...a.articleGroup3 } : undefined,
  };
}

export function splitStock(rng: Prng, count: number): StockDetail[] {
  const store = rng.int(0, count);
  return WAREHOUSES.map((warehouseId, i) => ({ warehouseId, count: i === 0 ? store : count - store }));
}

/** The article's web-group references (with names, so a receiver can learn the tree from the article). */
export function webGroupRefs(
  catalogue: Pick<Catalogue, 'webGroups'>,
  path: readonly number[],
): Pick<Article, 'articleGroup' | 'articleGroup2' | 'articleGroup3'> {
  const ref = (level: number): ArticleGroup | undefined => {
    const id = path[level - 1];
    if (id === undefined) return undefined;
    const g = catalogue.webGroups.find((w) => w.groupNumber === level && w.arcileGroupId === id);
    return { arcileGroupId: id, groupNumber: level, name: g?.name };
  };
  return { articleGroup: ref(1), articleGroup2: ref(2), articleGroup3: ref(3) };
}

/** Groups a switch between sources touches on the article: web refs only in webGroups mode. */
export function applyGroupSource(
  a: Article,
  source: GroupSource,
  catalogue: Pick<Catalogue, 'webGroups'>,
  webPath: readonly number[],
): void {
  delete a.articleGroup;
  delete a.articleGroup2;
  delete a.articleGroup3;
  if (source === 'webGroups') Object.assign(a, webGroupRefs(catalogue, webPath));
}

interface Counters {
  nextArticleId: number;
  nextSizeColorId: number;
  nextEanItem: number;
}

/** One new article from a template; shared by the initial catalogue and the «new article» daily edit. */
export function generateArticle(
  rng: Prng,
  catalogue: Pick<Catalogue, 'webGroups' | 'manufacturers' | 'sizes' | 'colors' | 'groupSource'>,
  counters: Counters,
  clock: TimestampClock,
  options: { offerShare: number; imageShare: number },
): CatalogueArticle {
  const template: ProductTemplate = rng.pick(PRODUCT_TEMPLATES);
  const articleId = counters.nextArticleId++;
  const noun = rng.pick(template.nouns);
  const place = rng.pick(PLACES);
  const name = `${noun} ${place}`;
  const makerId = rng.pick(template.manufacturers);
  const maker = must(
    MANUFACTURERS.find((m) => m.id === makerId),
    `manufacturer ${makerId}`,
  );
  const manufacturer = must(
    catalogue.manufacturers.find((m) => m.manufacturerId === maker.id),
    `manufacturer ${maker.id}`,
  );
  const group = must(
    ARTICLE_GROUPS.find((g) => g.id === template.articleGroup),
    `group ${template.articleGroup}`,
  );
  const webPath = [...rng.pick(template.webPaths)];
  const price = realisticPrice(rng, template.price[0], template.price[1]);
  const vat = new Decimal(group.vat);
  const exVat = price.mul(100).div(vat.plus(100));
  const purchasePrice = exVat.mul(rng.int(35, 60)).div(100).toDecimalPlaces(2);
  const ean = (): string => {
    // Company numbers step by 100 per 100 000 items, so every counter value gives a distinct code.
    const n = counters.nextEanItem++;
    return norwegianEan13(maker.gs1 + 100 * Math.floor(n / 100000), n % 100000);
  };

  const sizeColors: SizeColor[] = [];
  if (template.variants !== 'none') {
    const sizePool = template.variants === 'clothing' ? CLOTHING_SIZES : SHOE_SIZES;
    const sizeIds = rng.sample(sizePool, rng.int(2, template.variants === 'clothing' ? 5 : 6)).map((s) => s.sizeId);
    const colors = rng.sample(catalogue.colors, rng.int(1, 3));
    for (const color of colors) {
      for (const sizeId of sizeIds) {
        const size = must(
          catalogue.sizes.find((s) => s.sizeId === sizeId),
          `size ${sizeId}`,
        );
        const count = rng.chance(0.15) ? 0 : rng.int(1, 25);
        sizeColors.push({
          sizeColorId: counters.nextSizeColorId++,
          size: { sizeId: size.sizeId, name: size.name },
          color: { colorId: color.colorId, name: color.name, code: color.code },
          eans: [ean()],
          stockCount: count,
          stockDetails: splitStock(rng, count),
          sizeColorInUse: true,
          info: template.variants === 'shoes' ? `EU ${size.name}` : undefined,
          timestamp: clock.next(),
        });
      }
    }
  }
  const stockCount = template.nonStockItem
    ? 0
    : sizeColors.length > 0
      ? sizeColors.reduce((s, sc) => s + (sc.stockCount ?? 0), 0)
      : rng.chance(0.1)
        ? 0
        : rng.int(1, 60);
  const article: Article = {
    articleId,
    articleNo: String(10000 + articleId),
    name,
    subtitle: `${noun} fra ${maker.name}`,
    description: `${name} fra ${maker.name}. ${rng.pick(SELLING_POINTS)} ${rng.pick(SELLING_POINTS)}`,
    eans: sizeColors.length > 0 ? [] : [ean()],
    alternatives: [],
    manufacturer: { manufacturerId: manufacturer.manufacturerId, name: manufacturer.name },
    manufacturerArticleNo: `${maker.name.slice(0, 2).toUpperCase()}-${rng.int(1000, 9999)}`,
    externalGroupId: group.id,
    vat,
    salesPrice: price,
    storePrice: price,
    suggestedPrice: price,
    purchasePrice,
    costPrice: purchasePrice,
    articleStatus: 0,
    articleWebAction: 0,
    visibleOnWeb: true,
    hideWhenOutOfStock: false,
    recommendedProduct: rng.chance(0.05),
    nonStockItem: template.nonStockItem ?? false,
    nonStockItemDays: template.nonStockItem ? 3 : undefined,
    shippingType: template.weight[1] === 0 ? 3 : 0,
    unitCode: template.unitCode,
    weight: new Decimal(rng.int(Math.round(template.weight[0] * 100), Math.round(template.weight[1] * 100))).div(100),
    sizeColorInUse: sizeColors.length > 0,
    sizeColors,
    stockCount,
    stockDetails: splitStock(rng, stockCount),
    timestamp: clock.next(),
  };
  if (template.unitPricing) {
    article.unitPricingUnitCode = template.unitPricing[0];
    article.unitPricingQuantity = new Decimal(template.unitPricing[1]);
  }
  if (catalogue.groupSource === 'webGroups') Object.assign(article, webGroupRefs(catalogue, webPath));
  if (rng.chance(options.offerShare)) setOffer(rng, article, clock.current);

  const images: ImageSpec[] = [];
  if (rng.chance(options.imageShare)) {
    const first = sizeColors[0]?.color?.code ?? rng.pick(COLORS).code;
    images.push({ kind: 'main', colorId: 0, imageId: 0, format: rng.chance(0.7) ? 'png' : 'jpeg', rgb: first });
    const colorIds = [...new Set(sizeColors.map((sc) => sc.color?.colorId ?? 0))];
    let imageId = 1;
    for (const colorId of colorIds) {
      const rgb = must(catalogue.colors.find((c) => c.colorId === colorId)?.code, `colour ${colorId}`);
      const perColor = rng.int(1, 2);
      for (let i = 0; i < perColor; i++)
        images.push({ kind: 'color', colorId, imageId: imageId++, format: rng.chance(0.7) ? 'png' : 'jpeg', rgb });
    }
    if (colorIds.length > 0 && rng.chance(0.3))
      images.push({ kind: 'color', colorId: 0, imageId, format: 'png', rgb: '#ffffff' });
  }
  return { article, images, webPath };
}

/** An offer price 10–40 % below the price (to whole kroner, minus 10 øre), for 7–21 days starting within a week of `now`. */
export function setOffer(rng: Prng, a: Article, now: number): void {
  const price = a.salesPrice ?? new Decimal(100);
  const off = price
    .mul(100 - rng.int(10, 40))
    .div(100)
    .floor();
  a.discount = Decimal.max(new Decimal('9.90'), off.minus('0.10'));
  const day = 24 * 3600 * 1000;
  const startDay = Math.floor(now / day) + rng.int(0, 7);
  a.discountFrom = startDay * day;
  a.discountTo = (startDay + rng.int(7, 21)) * day - 1;
}

/** A deterministic catalogue of `articles` articles: same seed and options → the same catalogue. */
export function generateCatalogue(seed: number, articles: number, options: CatalogueOptions = {}): Catalogue {
  if (!Number.isInteger(articles) || articles < 0) throw new RangeError('articles must be a non-negative integer');
  const rng = new Prng(seed);
  const clock = new TimestampClock(options.startTime ?? DEFAULT_START_TIME);
  const groupSource = options.groupSource ?? 'webGroups';
  const catalogue: Catalogue = {
    seed,
    groupSource,
    articleGroups: ARTICLE_GROUPS.map((g) => ({
      arcileGroupId: g.id,
      groupNumber: 1,
      name: g.name,
      description: `Varegruppe ${g.name}`,
      timestamp: clock.next(),
    })),
    webGroups: WEB_GROUPS.map((g) => ({
      arcileGroupId: g.id,
      groupNumber: g.level,
      name: g.name,
      description: g.description,
      timestamp: clock.next(),
    })),
    manufacturers: MANUFACTURERS.map((m) => ({ manufacturerId: m.id, name: m.name, timestamp: clock.next() })),
    sizes: [...CLOTHING_SIZES, ...SHOE_SIZES].map((s) => ({ sizeId: s.sizeId, name: s.name, timestamp: clock.next() })),
    colors: COLORS.map((c) => ({ colorId: c.colorId, name: c.name, code: c.code, timestamp: clock.next() })),
    articles: [],
    clock: 0,
    nextArticleId: FIRST_ARTICLE_ID,
    nextSizeColorId: 1,
    nextEanItem: 1,
  };
  const counters: Counters = { nextArticleId: FIRST_ARTICLE_ID, nextSizeColorId: 1, nextEanItem: 1 };
  const opts = { offerShare: options.offerShare ?? 0.1, imageShare: options.imageShare ?? 0.9 };
  for (let i = 0; i < articles; i++)
    catalogue.articles.push(generateArticle(rng.fork(i), catalogue, counters, clock, opts));
  return { ...catalogue, ...counters, clock: clock.current };
}
