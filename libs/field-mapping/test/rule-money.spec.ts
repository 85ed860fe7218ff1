import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { pckToTwin, type MappingProfile } from '../src';
import { RECEIVED_AT, article, profileWith } from './fixtures';

/** Common shop factors: 10 %, 20 %, 25 % off; 25 % markup; and a few less round ones. */
const FACTORS = ['0.9', '0.8', '0.75', '1.25', '0.85', '0.95', '1.1', '0.7'];
const profileFor = new Map<string, MappingProfile>(
  FACTORS.map((f) => [
    f,
    profileWith({ rules: { product: { price: `salesPrice * ${f}`, offerPrice: `salesPrice * ${f}` } } }),
  ]),
);

async function mapped(factor: string, salesPrice: Decimal) {
  const twin = await pckToTwin(
    profileFor.get(factor)!,
    { operation: 'sendArticle', article: article({ salesPrice }) },
    { receivedAt: RECEIVED_AT },
  );
  return twin.products[0];
}

describe('money from JSONata rules', () => {
  it('`salesPrice * 0.9` on 1.65 is 1.49 (the exact 1.485 rounded half up), not the double 1.4849999… rounded down', async () => {
    const p = await mapped('0.9', new Decimal('1.65'));
    expect(p.price.toFixed(2)).toBe('1.49');
    expect(p.offer?.price.toFixed(2)).toBe('1.49');
  });

  it('`salesPrice * f` is exactly Decimal(price) × f rounded half up to øre, for prices 0.01–2000', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom(...FACTORS), async (ore, factor) => {
        const price = new Decimal(ore).div(100);
        const expected = price.mul(factor).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        const p = await mapped(factor, price);
        expect(p.price.toFixed(2)).toBe(expected.toFixed(2));
        expect(p.offer?.price.toFixed(2)).toBe(expected.toFixed(2));
      }),
      { numRuns: 600 },
    );
  });
});
