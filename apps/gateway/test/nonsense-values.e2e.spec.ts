import { Decimal } from 'decimal.js';
import { serializeRequest } from '@pcknop/pck-contract';
import { creds, article, startGateway, type RunningGateway } from './support';

jest.setTimeout(60_000);

/** What must never reach PCK: stack frames, SQL, file paths, JavaScript error names. */
const INTERNAL =
  /\bat \S+ \(|\.ts:\d+|\/work\/|node_modules|\bSELECT\b|\bINSERT\b|\bUPDATE\b|violates|TypeError|RangeError|Invalid time value|undefined/;

describe('values that pass the schema but make no sense', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  const staged = async (kind: string, key: string) => (await gw.db.repos.entities.get(gw.tenantId, kind, [key]))[0];

  const cases: Array<[string, () => Promise<{ result: unknown; body: string }>]> = [
    [
      'discountTo 9000000000000000',
      () =>
        gw.call('sendArticle', {
          ...creds,
          article: article(11, 11, { discount: new Decimal(99), discountFrom: 1, discountTo: 9_000_000_000_000_000 }),
        }),
    ],
    [
      'discountFrom beyond any date',
      () =>
        gw.call('sendArticle', {
          ...creds,
          article: article(12, 12, { discount: new Decimal(99), discountFrom: 9_000_000_000_000_000 }),
        }),
    ],
    [
      'a 100,000-character name',
      () => gw.call('sendArticle', { ...creds, article: article(13, 13, { name: 'N'.repeat(100_000) }) }),
    ],
    [
      'negative stock',
      () =>
        gw.call('updateStockCount', {
          ...creds,
          updateStock: { articleId: 14, count: -5, timestamp: 14, stockDetails: [] },
        }),
    ],
    [
      'negative stock on the article',
      () => gw.call('sendArticle', { ...creds, article: article(15, 15, { stockCount: -12 }) }),
    ],
    [
      'control characters in name and article number',
      () =>
        gw.call('sendArticle', {
          ...creds,
          article: article(16, 16, { name: 'Gen\u0085ser\u009b\u007f', articleNo: 'A\u0085B\u007f' }),
        }),
    ],
    [
      'a huge price',
      () =>
        gw.call('sendArticle', {
          ...creds,
          article: article(17, 17, { salesPrice: new Decimal('99999999999999999999999.99') }),
        }),
    ],
    [
      'a huge offer price',
      () => gw.call('sendArticle', { ...creds, article: article(18, 18, { discount: new Decimal('1e30') }) }),
    ],
    [
      'a negative price',
      () => gw.call('sendArticle', { ...creds, article: article(19, 19, { salesPrice: new Decimal('-100') }) }),
    ],
    [
      'a huge VAT rate',
      () => gw.call('sendArticle', { ...creds, article: article(20, 20, { vat: new Decimal('1e12') }) }),
    ],
    [
      'a timestamp beyond any date',
      () => gw.call('sendArticle', { ...creds, article: article(21, 9_000_000_000_000_000) }),
    ],
    [
      'a huge stock count',
      () =>
        gw.call('updateStockCount', {
          ...creds,
          updateStock: { articleId: 22, count: 2_000_000_000, timestamp: 22, stockDetails: [] },
        }),
    ],
    [
      'a huge webstockLimit',
      () =>
        gw.call('sendArticle', {
          ...creds,
          article: article(23, 23, { webstockLimit: 2_000_000_000, stockCount: -2_000_000_000 }),
        }),
    ],
    ['a negative article id', () => gw.call('sendArticle', { ...creds, article: article(-2_000_000_000, 24) })],
  ];

  it.each(cases)('%s: 0 or 1 with a Norwegian message, never 2, no internal text', async (_name, send) => {
    const { result, body } = await send();
    const r = result as { operationResult: number; humanErrorMessage?: string; errorMessage?: string };
    expect([0, 1]).toContain(r.operationResult);
    if (r.operationResult === 1) expect(r.humanErrorMessage).toMatch(/[a-zæøå]{3,}/i);
    expect(body).not.toMatch(INTERNAL);
  });

  it('beyond xs:int (9000000000000000 as a stock count): 1 with a message, not 2', async () => {
    const xml = serializeRequest('updateStockCount', {
      ...creds,
      updateStock: { articleId: 25, count: 1, timestamp: 25, stockDetails: [] },
    }).replace('<count>1</count>', '<count>9000000000000000</count>');
    const res = await gw.post(xml);
    expect(res.body).toContain('<operationResult>1</operationResult>');
    expect(res.body).toMatch(/<humanErrorMessage>[^<]+<\/humanErrorMessage>/);
  });

  it('clamps where that is what PCK meant (documented): negative stock is none available, a long name is cut, control characters go, an endless offer is open-ended', async () => {
    await gw.call('updateStockCount', {
      ...creds,
      updateStock: { articleId: 30, count: -7, timestamp: 30, stockDetails: [] },
    });
    const stock = await staged('stock', 'a:30||total');
    expect(stock?.record).toMatchObject({ onHand: '-7.000', available: '0.000' });
    await gw.call('sendArticle', { ...creds, article: article(31, 31, { name: 'N'.repeat(100_000) }) });
    expect(((await staged('product', 'a:31'))?.record as { name: string }).name).toHaveLength(400);
    await gw.call('sendArticle', { ...creds, article: article(32, 32, { name: 'Gen\u0085ser' }) });
    expect(((await staged('product', 'a:32'))?.record as { name: string }).name).not.toMatch(/\p{Cc}/u);
    const endless = await gw.call('sendArticle', {
      ...creds,
      article: article(33, 33, {
        discount: new Decimal(49),
        discountFrom: 1_700_000_000_000,
        discountTo: 9_000_000_000_000_000,
      }),
    });
    expect(endless.result.operationResult).toBe(0);
    const offer = ((await staged('product', 'a:33'))?.record as { offer?: Record<string, unknown> }).offer;
    expect(offer).toMatchObject({ price: '49.0000' });
    expect(offer).not.toHaveProperty('to');
  });
});
