import { pckToTwin, twinToNop, type MappingProfile } from '../src';
import { RECEIVED_AT, profileWith } from './fixtures';

const NOW = new Date('2025-06-05T12:00:00Z');

/** PCK's updateStockCount for an article, mapped all the way to the nop stock payload. */
async function stockUpdate(profile: MappingProfile, count: number, sizeColorId?: number) {
  const twin = await pckToTwin(
    profile,
    { operation: 'updateStockCount', updateStock: { articleId: 4711, count, stockDetails: [], ...(sizeColorId ? { sizeColorId } : {}) } },
    { receivedAt: RECEIVED_AT },
  );
  return twinToNop(profile, twin, { now: NOW });
}

describe('stock updates and field ownership', () => {
  it('PCK-owned stock (the default) is written by a stock update', async () => {
    const out = await stockUpdate(profileWith(), 7);
    expect(out.stock).toEqual([expect.objectContaining({ key: 'a:4711', target: 'product', stockQuantity: 7 })]);
    expect(out.warnings).toEqual([]);
  });

  it('shop-owned stock is not written by a stock update, and a warning says why', async () => {
    const out = await stockUpdate(profileWith({ ownership: { fields: { stock: 'shop' } } }), 7);
    expect(out.stock).toEqual([]);
    expect(out.warnings).toEqual(['a:4711: stock is owned by the shop; stock update not sent']);
  });

  it('a shop default with PCK-owned stock (the shell-product mode) still writes stock', async () => {
    const out = await stockUpdate(profileWith({ ownership: { default: 'shop', fields: { stock: 'pck' } } }), 3, 12);
    expect(out.stock).toEqual([expect.objectContaining({ key: 'a:4711:sc:12', stockQuantity: 3 })]);
  });
});
