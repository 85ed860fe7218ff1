import { Decimal } from 'decimal.js';
import {
  cloneArticle,
  generateArticle,
  realisticPrice,
  setOffer,
  splitStock,
  TimestampClock,
  type Catalogue,
  type CatalogueArticle,
} from './catalogue';
import { articleCall, articleWithImages, stockChain } from './catalogue-calls';
import { SELLING_POINTS } from './norwegian-words';
import { Prng } from './prng';
import { call, single, type CallChain, type Scenario } from './scenario';

export type EditKind = 'sale' | 'restock' | 'price' | 'offer' | 'text' | 'hide' | 'remove' | 'new';

export interface DailyEditsOptions {
  /** Default: derived from the catalogue's seed and clock, so successive days differ. */
  seed?: number;
  /** Number of edits (default: 10 % of the articles, at least 5). */
  edits?: number;
  /** Relative weights of the edit kinds (missing kinds keep their defaults; 0 turns one off). */
  weights?: Partial<Record<EditKind, number>>;
}

const DEFAULT_WEIGHTS: Record<EditKind, number> = {
  sale: 40,
  restock: 8,
  price: 14,
  offer: 12,
  text: 8,
  hide: 4,
  remove: 4,
  new: 10,
};
const HOUR = 3600 * 1000;

function liveArticles(articles: CatalogueArticle[]): CatalogueArticle[] {
  return articles.filter((a) => a.article.visibleOnWeb !== false);
}

/** Takes `units` off the stock, shop warehouse (1) first. */
function takeFromStock(details: { warehouseId: number; count?: number }[], units: number): void {
  let left = units;
  for (const d of details) {
    const take = Math.min(left, d.count ?? 0);
    d.count = (d.count ?? 0) - take;
    left -= take;
  }
}

/**
 * A day at the till: sales (stock rows), restocking, price changes, offer prices with windows,
 * text edits, articles hidden from the web, removals and new articles. Returns the calls and the
 * catalogue after the day.
 */
export function dailyEdits(catalogue: Catalogue, options: DailyEditsOptions = {}): Scenario {
  const seed = options.seed ?? ((catalogue.seed * 7919) ^ Math.floor(catalogue.clock / 1000)) | 0;
  const rng = new Prng(seed);
  const clock = new TimestampClock(catalogue.clock);
  clock.advanceTo(catalogue.clock + 12 * HOUR); // the next working day
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const articles = catalogue.articles.map((a) => ({
    ...a,
    article: cloneArticle(a.article),
    images: [...a.images],
    webPath: [...a.webPath],
  }));
  const counters = {
    nextArticleId: catalogue.nextArticleId,
    nextSizeColorId: catalogue.nextSizeColorId,
    nextEanItem: catalogue.nextEanItem,
  };
  const count = options.edits ?? Math.max(5, Math.round(catalogue.articles.length / 10));
  const steps: CallChain[] = [];
  const kinds = (Object.entries(weights) as [EditKind, number][]).filter(([, w]) => w > 0);

  for (let i = 0; i < count && kinds.length > 0; i++) {
    const kind = rng.weighted(kinds);
    if (kind === 'new') {
      const added = generateArticle(rng.fork(i), { ...catalogue }, counters, clock, {
        offerShare: 0.1,
        imageShare: 0.9,
      });
      articles.push(added);
      steps.push(...articleWithImages(added));
      continue;
    }
    const live = liveArticles(articles);
    if (live.length === 0) continue;
    const target = rng.pick(live);
    const a = target.article;
    switch (kind) {
      case 'sale':
      case 'restock': {
        if (a.nonStockItem) continue;
        const rows = a.sizeColors.length > 0 ? a.sizeColors : [a];
        const candidates = kind === 'sale' ? rows.filter((r) => (r.stockCount ?? 0) > 0) : rows;
        if (candidates.length === 0) continue;
        for (const row of rng.sample(candidates, rng.int(1, 2))) {
          const before = row.stockCount ?? 0;
          if (kind === 'sale') {
            const sold = Math.min(before, rng.int(1, 2));
            row.stockCount = before - sold;
            takeFromStock(row.stockDetails, sold);
          } else {
            row.stockCount = before + rng.int(5, 20);
            row.stockDetails = splitStock(rng, row.stockCount);
          }
        }
        if (a.sizeColors.length > 0) {
          a.stockCount = a.sizeColors.reduce((s, sc) => s + (sc.stockCount ?? 0), 0);
          a.stockDetails = [1, 2].map((warehouseId) => ({
            warehouseId,
            count: a.sizeColors.reduce(
              (s, sc) => s + (sc.stockDetails.find((d) => d.warehouseId === warehouseId)?.count ?? 0),
              0,
            ),
          }));
        }
        steps.push(stockChain(a, () => clock.next()));
        continue;
      }
      case 'price': {
        const old = a.salesPrice ?? new Decimal(100);
        const factor = 1 + ((rng.chance(0.6) ? 1 : -1) * rng.int(5, 20)) / 100;
        const target = old.mul(factor).toNumber();
        a.salesPrice = realisticPrice(
          rng,
          Math.max(10, Math.floor(target * 0.98)),
          Math.max(11, Math.ceil(target * 1.02)),
        );
        a.storePrice = a.salesPrice;
        if (a.discount && a.discount.gte(a.salesPrice)) {
          delete a.discount;
          delete a.discountFrom;
          delete a.discountTo;
        }
        break;
      }
      case 'offer':
        if (a.discount && rng.chance(0.3)) {
          // The offer ends early.
          delete a.discount;
          delete a.discountFrom;
          delete a.discountTo;
        } else setOffer(rng, a, clock.current);
        break;
      case 'text':
        a.description = `${a.name}. ${rng.pick(SELLING_POINTS)} ${rng.pick(SELLING_POINTS)}`;
        a.info1 = rng.chance(0.5) ? 'Nyhet denne sesongen' : a.info1;
        break;
      case 'hide':
        a.visibleOnWeb = false;
        break;
      case 'remove': {
        articles.splice(articles.indexOf(target), 1);
        steps.push(single(call('removeAricle', { articleid: a.articleId }, `article ${a.articleId}`)));
        continue;
      }
    }
    a.timestamp = clock.next();
    steps.push(single(articleCall(a)));
  }
  return {
    name: 'dailyEdits',
    steps,
    catalogue: { ...catalogue, articles, ...counters, clock: clock.current },
  };
}
