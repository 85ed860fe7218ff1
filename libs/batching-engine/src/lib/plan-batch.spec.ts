import fc from 'fast-check';
import { TwinRecordKind } from '@pcknop/twinxml';
import { planBatch } from './plan-batch';
import { change, productRemoval, twinCategory, twinImage, twinProduct, twinStock } from './testing/fixtures';
import { TwinDeletionTarget } from '@pcknop/twinxml';

describe('planBatch', () => {
  it('orders by dependency: groups, products, stock, images, removals; parents before children', () => {
    const parent = twinCategory(1);
    const child = twinCategory(2, 'Child', parent.key);
    const plan = planBatch([
      change(TwinRecordKind.Image, twinImage(1, 1)),
      change(TwinRecordKind.Deletion, productRemoval(9)),
      change(TwinRecordKind.Stock, twinStock(2, 4)),
      change(TwinRecordKind.Product, twinProduct(1)),
      change(TwinRecordKind.Category, child),
      change(TwinRecordKind.Manufacturer, { key: 'm:1', name: 'M', published: true }),
      change(TwinRecordKind.Category, parent),
    ]);
    expect(plan.apply.map((c) => `${c.kind}:${c.key}`)).toEqual([
      'manufacturer:m:1',
      `category:${parent.key}`,
      `category:${child.key}`,
      'product:a:1',
      'stock:a:2||total',
      'image:product|a:1||1',
      'deletion:product||a:9',
    ]);
    expect(plan.superseded).toEqual([]);
  });

  it('keeps the newest change per entity', () => {
    const old = change(TwinRecordKind.Stock, twinStock(1, 3), { version: 1n });
    const latest = change(TwinRecordKind.Stock, twinStock(1, 8), { version: 2n });
    const plan = planBatch([latest, old]);
    expect(plan.apply).toEqual([latest]);
    expect(plan.superseded).toEqual([{ change: old, by: 'stock:a:1||total' }]);
  });

  it('drops older changes of a removed product, and a removal older than the product record', () => {
    const stock = change(TwinRecordKind.Stock, twinStock(1, 3));
    const image = change(TwinRecordKind.Image, twinImage(1, 1));
    const removal = change(TwinRecordKind.Deletion, productRemoval(1));
    let plan = planBatch([stock, image, removal]);
    expect(plan.apply).toEqual([removal]);
    expect(plan.superseded.map((s) => s.change)).toEqual(expect.arrayContaining([stock, image]));

    const back = change(TwinRecordKind.Product, twinProduct(1));
    plan = planBatch([removal, back]);
    expect(plan.apply).toEqual([back]);
  });

  describe.each([
    ['ahead of', 600_000n],
    ['behind', -600_000n],
  ])('one clock per comparison, PCK 10 minutes %s the gateway', (_label, offset) => {
    // What the store hands over: PCK's timestamps on article and stock, none on removal and image, and the
    // store's arrival order on all. The gateway's clock appears nowhere, so the offset cannot change the outcome.
    const gateway = 1_764_000_000_000n;
    const pck = gateway + offset;
    it('a removal that arrived after the article and its stock supersedes both', () => {
      const product = change(TwinRecordKind.Product, twinProduct(41), { pckTimestamp: pck, arrival: 10n });
      const stock = change(TwinRecordKind.Stock, twinStock(41, 3), { pckTimestamp: pck + 5000n, arrival: 11n });
      const image = change(TwinRecordKind.Image, twinImage(41, 1), { pckTimestamp: null, arrival: 12n });
      const removal = change(TwinRecordKind.Deletion, productRemoval(41), { pckTimestamp: null, arrival: 13n });
      const plan = planBatch([product, stock, image, removal]);
      expect(plan.apply).toEqual([removal]);
    });
    it('an article that arrived after the removal brings the product back, with its later image', () => {
      const removal = change(TwinRecordKind.Deletion, productRemoval(42), { pckTimestamp: null, arrival: 20n });
      const product = change(TwinRecordKind.Product, twinProduct(42), { pckTimestamp: pck, arrival: 21n });
      const image = change(TwinRecordKind.Image, twinImage(42, 1), { pckTimestamp: null, arrival: 22n });
      expect(planBatch([removal, product, image]).apply).toEqual([product, image]);
    });
    it('between two changes with PCK timestamps, PCK decides even against arrival (stock folded into its product)', () => {
      const stock = change(TwinRecordKind.Stock, twinStock(43, 8), { pckTimestamp: pck + 1000n, arrival: 30n });
      const product = change(TwinRecordKind.Product, twinProduct(43, { stock: 1 }), {
        pckTimestamp: pck,
        arrival: 31n,
      });
      const plan = planBatch([stock, product]);
      expect(plan.apply).toHaveLength(1);
      expect(plan.apply[0].kind).toBe('product');
      expect(String((plan.apply[0].record as { stock?: unknown }).stock)).toBe('8');
    });
  });

  it('treats a tombstoned product entity as its removal', () => {
    const tomb = { ...change(TwinRecordKind.Product, twinProduct(3)), deleted: true };
    const plan = planBatch([tomb]);
    expect(plan.apply).toHaveLength(1);
    expect(plan.apply[0].kind).toBe('product');
  });

  it('drops a stock count older than the product record that carries a newer one', () => {
    const stock = change(TwinRecordKind.Stock, twinStock(1, 3));
    const product = change(TwinRecordKind.Product, twinProduct(1, { stock: 10 }));
    const later = change(TwinRecordKind.Stock, twinStock(2, 1));
    const newerStock = change(TwinRecordKind.Stock, twinStock(2, 6));
    expect(planBatch([stock, product]).apply).toEqual([product]);
    expect(planBatch([later, newerStock]).apply).toEqual([newerStock]);
    const s2 = change(TwinRecordKind.Stock, twinStock(2, 6));
    const p2 = change(TwinRecordKind.Product, twinProduct(2));
    expect(planBatch([s2, p2]).apply).toEqual([p2]);
  });

  it('folds a newer total stock count into the product record of the same batch (one write instead of three calls)', () => {
    const p2 = change(TwinRecordKind.Product, twinProduct(2, { stock: 1 }));
    const s3 = change(TwinRecordKind.Stock, twinStock(2, 7));
    const s4 = change(TwinRecordKind.Stock, twinStock(2, 9));
    const plan = planBatch([p2, s3, s4]);
    expect(plan.apply).toHaveLength(1);
    expect(plan.apply[0]).toMatchObject({ kind: 'product', key: p2.key, version: p2.version });
    expect(String((plan.apply[0].record as { stock: unknown }).stock)).toBe('9');
    expect(plan.superseded.map((s) => s.change)).toEqual(expect.arrayContaining([s3, s4]));
    expect(String((p2.record as { stock: unknown }).stock)).toBe('1'); // the staged change itself is untouched
  });

  it('folds a variant count into its variant, and leaves a count for an unknown variant or another warehouse alone', () => {
    const p = change(TwinRecordKind.Product, twinProduct(3, { variants: 2 }));
    const s = change(TwinRecordKind.Stock, twinStock(3, 4, 1));
    const folded = planBatch([p, s]).apply;
    expect(folded).toHaveLength(1);
    expect(
      (folded[0].record as { variants: { key: string; stock: unknown }[] }).variants.map((v) => [
        v.key,
        String(v.stock),
      ]),
    ).toEqual([
      ['a:3:sc:1', '4'],
      ['a:3:sc:2', String((p.record as { variants: { stock: unknown }[] }).variants[1].stock)],
    ]);
    const unknown = change(TwinRecordKind.Stock, twinStock(3, 5, 99));
    expect(planBatch([p, unknown]).apply).toHaveLength(2);
    const elsewhere = change(TwinRecordKind.Stock, { ...twinStock(3, 6), warehouse: 'oslo' });
    expect(planBatch([p, elsewhere]).apply).toHaveLength(2);
  });

  it('lets the newer of an image and its removal win', () => {
    const img = change(TwinRecordKind.Image, twinImage(1, 1));
    const del = change(TwinRecordKind.Deletion, {
      target: TwinDeletionTarget.Image,
      key: img.key,
      parentKey: 'a:1',
      deletedAt: new Date(),
    });
    expect(planBatch([img, del]).apply).toEqual([del]);
  });

  it('property: every input is either applied or superseded, exactly once, and stock keeps the newest count', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            article: fc.integer({ min: 1, max: 4 }),
            count: fc.integer({ min: 0, max: 50 }),
            kind: fc.constantFrom('stock', 'product', 'removal'),
          }),
          { maxLength: 30 },
        ),
        (items) => {
          const changes = items.map((i) =>
            i.kind === 'stock'
              ? change(TwinRecordKind.Stock, twinStock(i.article, i.count))
              : i.kind === 'product'
                ? change(TwinRecordKind.Product, twinProduct(i.article, { stock: i.count }))
                : change(TwinRecordKind.Deletion, productRemoval(i.article)),
          );
          const plan = planBatch(changes);
          expect(plan.apply.length + plan.superseded.length).toBe(changes.length);
          expect(new Set([...plan.apply, ...plan.superseded.map((s) => s.change)]).size).toBe(changes.length);
          // At most one live change per entity, and the live one is the newest of its entity.
          const ids = plan.apply.map((c) => `${c.kind}:${c.key}`);
          expect(new Set(ids).size).toBe(ids.length);
          for (const live of plan.apply) {
            const sameEntity = changes.filter((c) => c.kind === live.kind && c.key === live.key);
            expect(sameEntity.every((c) => (c.pckTimestamp ?? 0n) <= (live.pckTimestamp ?? 0n))).toBe(true);
          }
          // Without removals, the shop ends with the newest count: a live product carries it, or a live stock does.
          for (const article of new Set(items.map((i) => i.article))) {
            const mine = items.map((item, n) => ({ item, c: changes[n] })).filter((x) => x.item.article === article);
            if (mine.some((x) => x.item.kind === 'removal')) continue;
            const newest = mine.reduce((a, b) => ((b.c.pckTimestamp ?? 0n) > (a.c.pckTimestamp ?? 0n) ? b : a));
            const liveProduct = plan.apply.find((c) => c.kind === 'product' && c.key === `a:${article}`);
            const liveStock = plan.apply.find((c) => c.kind === 'stock' && c.key.includes(`a:${article}`));
            const shown = liveStock ?? liveProduct;
            const value = liveStock
              ? ((liveStock.record as { available?: unknown; onHand: unknown }).available ??
                (liveStock.record as { onHand: unknown }).onHand)
              : (liveProduct?.record as { stock?: unknown } | undefined)?.stock;
            expect({ article, count: String(value), via: shown?.kind }).toEqual({
              article,
              count: String(newest.item.count),
              via: shown?.kind,
            });
          }
        },
      ),
    );
  });
});
