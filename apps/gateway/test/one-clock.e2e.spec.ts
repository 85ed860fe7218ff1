import { article, creds, startGateway, type RunningGateway } from './support';

// Generous bounds: the machine running the suite may be loaded (no timing is asserted).
jest.setTimeout(120_000);

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 5, 6, 7, 8]);
const TEN_MINUTES = 10 * 60 * 1000;

/**
 * One clock per entity (issue 14 point 6): sendArticle carries PCK's timestamp, removeArticle and sendImage carry
 * none. Stamping the latter with the gateway's clock compared two clocks for one product, so with PCK's clock ahead
 * a removal was judged older than the article sent before it (and dropped), and with PCK's clock behind an article
 * sent after a removal was judged older than the removal (and dropped).
 */
describe.each([
  ['ahead of', TEN_MINUTES],
  ['behind', -TEN_MINUTES],
])('PCK clock 10 minutes %s the gateway', (_label, offset) => {
  let gw: RunningGateway;
  let articleId = offset > 0 ? 7100 : 7200;
  /** PCK's clock: the gateway's plus the offset, moving forward with every call as a real till's does. */
  let pckNow = Date.now() + offset;
  const pckClock = () => (pckNow += 1000);
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  const staged = async (kind: string, key: string) => (await gw.db.repos.entities.get(gw.tenantId, kind, [key]))[0];

  it('a removal after the article removes it, an article after the removal brings it back, an older article stays stale', async () => {
    const id = ++articleId;
    const key = `a:${id}`;
    const first = pckClock();
    expect(
      (await gw.call('sendArticle', { ...creds, article: article(id, first, { name: 'Først' }) })).result
        .operationResult,
    ).toBe(0);
    expect((await gw.call('removeArticle', { ...creds, articleid: id })).result.operationResult).toBe(0);
    expect(await staged('product', key)).toMatchObject({
      deleted: true,
      pckStamped: false,
      pckTimestamp: BigInt(first),
    });

    const again = pckClock();
    expect(
      (await gw.call('sendArticle', { ...creds, article: article(id, again, { name: 'Tilbake' }) })).result
        .operationResult,
    ).toBe(0);
    expect(await staged('product', key)).toMatchObject({
      deleted: false,
      pckStamped: true,
      pckTimestamp: BigInt(again),
      record: expect.objectContaining({ name: 'Tilbake' }),
    });

    // PCK's own ordering still holds: a call older than PCK's last one for this article is discarded.
    expect(
      (await gw.call('sendArticle', { ...creds, article: article(id, first, { name: 'Gammel' }) })).result
        .operationResult,
    ).toBe(0);
    expect(await staged('product', key)).toMatchObject({
      deleted: false,
      record: expect.objectContaining({ name: 'Tilbake' }),
    });

    expect((await gw.call('removeAricle', { ...creds, articleid: id })).result.operationResult).toBe(0);
    expect(await staged('product', key)).toMatchObject({ deleted: true });
  });

  it('images follow their arrival: sent, emptied (removed), sent again', async () => {
    const id = ++articleId;
    await gw.call('sendArticle', { ...creds, article: article(id, pckClock()) });
    const key = `product|a:${id}||1`;
    await gw.call('sendImage', { ...creds, articleid: id, image: PNG });
    expect(await staged('image', key)).toMatchObject({ deleted: false, pckTimestamp: null, pckStamped: false });
    await gw.call('sendImage', { ...creds, articleid: id });
    expect(await staged('image', key)).toMatchObject({ deleted: true });
    await gw.call('sendImage', { ...creds, articleid: id, image: PNG });
    expect(await staged('image', key)).toMatchObject({ deleted: false });
  });

  it('the claimed changes tell the planner which is newer by arrival where PCK gave no timestamp', async () => {
    const id = ++articleId;
    const stockTs = pckClock();
    await gw.call('sendArticle', { ...creds, article: article(id, pckClock()) });
    await gw.call('updateStockCount', {
      ...creds,
      updateStock: { articleId: id, count: 4, stockDetails: [], timestamp: stockTs + 5000 },
    });
    await gw.call('sendImage', { ...creds, articleid: id, image: PNG });
    await gw.call('removeArticle', { ...creds, articleid: id });
    const rows = {
      product: await staged('product', `a:${id}`),
      stock: await staged('stock', `a:${id}||total`),
      image: await staged('image', `product|a:${id}||1`),
    };
    expect(rows.product.arrival).toBeGreaterThan(rows.image.arrival);
    expect(rows.image.arrival).toBeGreaterThan(rows.stock.arrival);
  });
});
