import { Decimal } from 'decimal.js';
import { parseRequest, serializeRequest, type OperationName, type RequestOf } from '@pcknop/pck-contract';
import {
  dailyEdits,
  generateCatalogue,
  initialTransfer,
  isValidEan,
  orderCycle,
  sequence,
  staticCalls,
  switchGroupSource,
  withCredentials,
  type PckCall,
  type Scenario,
} from '../src';

function fullDay(seed: number, articles: number): Scenario {
  const init = initialTransfer(seed, articles);
  const day1 = dailyEdits(init.catalogue!, { edits: 60 });
  const day2 = dailyEdits(day1.catalogue!, { edits: 60 });
  const switched = switchGroupSource(day2.catalogue!);
  const back = switchGroupSource(switched.catalogue!, 'webGroups', { images: true });
  return sequence('full', init, day1, day2, switched, orderCycle(), back);
}

const wire = (calls: PckCall[]): string[] =>
  calls.map((c) => serializeRequest(c.operation, withCredentials(c, 7, 'hemmelig') as RequestOf<OperationName>));

/** Every timestamp in a payload with the key of the object it belongs to. */
function timestamps(c: PckCall): [string, number][] {
  const out: [string, number][] = [];
  const b = c.body as Record<string, unknown>;
  switch (c.operation) {
    case 'sendArticle': {
      const a = c.body.article;
      if (a.timestamp !== undefined) out.push([`article ${a.articleId}`, a.timestamp]);
      for (const sc of a.sizeColors)
        if (sc.timestamp !== undefined) out.push([`sizeColor ${sc.sizeColorId}`, sc.timestamp]);
      break;
    }
    case 'sendArticleGroup':
      out.push([
        `group ${c.body.articleGroup.groupNumber}/${c.body.articleGroup.arcileGroupId}`,
        c.body.articleGroup.timestamp ?? NaN,
      ]);
      break;
    case 'updateStockCount':
      out.push([
        `stock ${c.body.updateStock.articleId}/${c.body.updateStock.sizeColorId ?? '-'}`,
        c.body.updateStock.timestamp ?? NaN,
      ]);
      break;
    default:
      for (const k of ['size', 'color', 'manufacturer']) {
        const o = b[k] as { timestamp?: number } | undefined;
        if (o?.timestamp !== undefined) out.push([`${k} ${JSON.stringify(o).slice(0, 20)}`, o.timestamp]);
      }
  }
  return out;
}

describe('seeded generator', () => {
  it('gives the same calls for the same seed, and other calls for another seed', () => {
    const a = wire(staticCalls(fullDay(42, 40)));
    const b = wire(staticCalls(fullDay(42, 40)));
    expect(b).toEqual(a);
    expect(wire(staticCalls(fullDay(43, 40)))).not.toEqual(a);
  });

  it('produces calls that pck-contract parses and validates, with payloads surviving the round trip', () => {
    const calls = staticCalls(fullDay(7, 60));
    const ops = new Set<string>();
    for (const c of calls) {
      const parsed = parseRequest(
        serializeRequest(c.operation, withCredentials(c, 7, 'hemmelig') as RequestOf<OperationName>),
      );
      if (!parsed.ok)
        throw new Error(
          `${c.operation} ${c.label}: ${JSON.stringify(parsed.kind === 'invalid' ? parsed.issues : parsed.fault)}`,
        );
      expect(parsed.operation).toBe(c.operation);
      ops.add(c.operation);
      if (parsed.operation === 'sendArticle' && c.operation === 'sendArticle') {
        expect(parsed.payload.article.name).toBe(c.body.article.name);
        expect(parsed.payload.article.salesPrice?.equals(c.body.article.salesPrice ?? 0)).toBe(true);
        expect(parsed.payload.article.sizeColors).toHaveLength(c.body.article.sizeColors.length);
      }
    }
    expect([...ops].sort()).toEqual(
      [
        'removeAricle',
        'sendArticle',
        'sendArticleGroup',
        'sendColor',
        'sendImage',
        'sendImageColor',
        'sendManufacturer',
        'sendSize',
        'updateStockCount',
      ].sort(),
    );
  });

  it('makes a realistic catalogue: VAT rates, prices in øre, offer windows, valid unique EANs, æøå names, variants that add up', () => {
    const cat = generateCatalogue(11, 300);
    const eans = cat.articles.flatMap((a) => [...a.article.eans, ...a.article.sizeColors.flatMap((sc) => sc.eans)]);
    expect(eans.every(isValidEan)).toBe(true);
    expect(new Set(eans).size).toBe(eans.length);
    const vats = new Set(cat.articles.map((a) => a.article.vat?.toString()));
    expect([...vats].sort()).toEqual(['0', '12', '15', '25']);
    expect(cat.articles.some((a) => /[æøåÆØÅ]/.test(a.article.name ?? ''))).toBe(true);
    expect(cat.articles.some((a) => !a.article.salesPrice?.isInteger())).toBe(true);
    for (const { article: a } of cat.articles) {
      expect(a.salesPrice!.gt(0)).toBe(true);
      expect(a.salesPrice!.decimalPlaces()).toBeLessThanOrEqual(2);
      expect(a.purchasePrice!.lt(a.salesPrice!)).toBe(true);
      if (a.discount) {
        expect(a.discount.lt(a.salesPrice!)).toBe(true);
        expect(a.discountFrom!).toBeLessThan(a.discountTo!);
      }
      if (a.sizeColors.length > 0) {
        expect(a.sizeColorInUse).toBe(true);
        expect(a.stockCount).toBe(a.sizeColors.reduce((s, sc) => s + (sc.stockCount ?? 0), 0));
        for (const sc of a.sizeColors)
          expect(sc.stockDetails.reduce((s, d) => s + (d.count ?? 0), 0)).toBe(sc.stockCount);
        // One variant per size × colour.
        expect(new Set(a.sizeColors.map((sc) => `${sc.size?.sizeId}x${sc.color?.colorId}`)).size).toBe(
          a.sizeColors.length,
        );
      }
    }
    expect(cat.articles.filter((a) => a.article.sizeColors.length > 0).length).toBeGreaterThan(50);
    expect(cat.articles.filter((a) => a.images.some((i) => i.kind === 'color')).length).toBeGreaterThan(30);
    expect(new Set(cat.webGroups.map((g) => g.groupNumber))).toEqual(new Set([1, 2, 3]));
  });

  it('hands out timestamps that increase per object across scenarios', () => {
    const last = new Map<string, number>();
    for (const c of staticCalls(fullDay(5, 60))) {
      for (const [key, t] of timestamps(c)) {
        expect(Number.isSafeInteger(t)).toBe(true);
        const prev = last.get(key);
        // A variant resent unchanged with its article keeps its timestamp; everything else moves on.
        if (prev !== undefined && key.startsWith('sizeColor')) expect(t).toBeGreaterThanOrEqual(prev);
        else if (prev !== undefined) expect(t).toBeGreaterThan(prev);
        last.set(key, Math.max(prev ?? 0, t));
      }
    }
    expect(last.size).toBeGreaterThan(100);
  });

  it('daily edits change prices and stock, and the switch moves articles between group sources', () => {
    const init = initialTransfer(3, 80);
    const day = dailyEdits(init.catalogue!, { edits: 100 });
    const ops = staticCalls(day).map((c) => c.operation);
    expect(ops).toContain('updateStockCount');
    expect(ops).toContain('removeAricle');
    const changedPrice = day.catalogue!.articles.some((a) => {
      const before = init.catalogue!.articles.find((b) => b.article.articleId === a.article.articleId);
      return before && !before.article.salesPrice!.equals(a.article.salesPrice ?? new Decimal(0));
    });
    expect(changedPrice).toBe(true);
    expect(day.catalogue!.articles.length).toBeGreaterThan(0);
    // A stock chain: the total first, then each variant.
    const chain = day.steps.find(
      (s) => s.kind === 'chain' && s.calls.length > 1 && s.calls[0].operation === 'updateStockCount',
    );
    expect(
      chain &&
        chain.kind === 'chain' &&
        chain.calls[0].operation === 'updateStockCount' &&
        chain.calls[0].body.updateStock.sizeColorId,
    ).toBeUndefined();

    const switched = switchGroupSource(day.catalogue!, 'articleGroups');
    const calls = staticCalls(switched);
    const groups = calls.filter((c) => c.operation === 'sendArticleGroup');
    expect(groups).toHaveLength(8);
    const articles = calls.flatMap((c) => (c.operation === 'sendArticle' ? [c.body.article] : []));
    expect(articles.length).toBe(day.catalogue!.articles.filter((a) => a.article.visibleOnWeb !== false).length);
    expect(articles.every((a) => a.articleGroup === undefined && (a.externalGroupId ?? 0) > 0)).toBe(true);
    const back = staticCalls(switchGroupSource(switched.catalogue!));
    expect(back.filter((c) => c.operation === 'sendArticleGroup')).toHaveLength(day.catalogue!.webGroups.length);
    expect(back.every((c) => c.operation !== 'sendArticle' || c.body.article.articleGroup?.arcileGroupId)).toBe(true);
  });
});
