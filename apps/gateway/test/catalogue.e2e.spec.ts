import { Decimal } from 'decimal.js';
import { article, creds, LOGIN, PASSWORD, startGateway, type RunningGateway } from './support';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe('catalogue operations over HTTP', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  const staged = async (kind: string, key: string) => (await gw.db.repos.entities.get(gw.tenantId, kind, [key]))[0];

  it('serves the WSDL on GET ?wsdl with this endpoint as the address', async () => {
    for (const q of ['?wsdl', '?WSDL']) {
      const res = await fetch(`${gw.soapUrl}${q}`);
      expect(res.status).toBe(200);
      const wsdl = await res.text();
      expect(wsdl).toContain('http://webservice.webshop.deltasoft.no/');
      expect(wsdl).toContain(`location="${gw.soapUrl}"`);
      expect(wsdl).toContain('removeAricle');
    }
  });

  it('sendArticle stages the product (JSON form) and answers 0 with the article id', async () => {
    const { result, status } = await gw.call('sendArticle', { ...creds, article: article(100, 1_700_000_000_000) });
    expect(status).toBe(200);
    expect(result).toMatchObject({ operationResult: 0, deltaId: 100 });
    const row = await staged('product', 'a:100');
    expect(row.pckTimestamp).toBe(1_700_000_000_000n);
    expect(row.record).toMatchObject({
      key: 'a:100',
      sku: 'ART-100',
      name: 'Vare 100',
      price: '199.0000',
      vatRate: '25.00',
      published: 'true',
    });
  });

  it('two calls for the same article: newer then older keeps the newer, and older then newer takes the newer', async () => {
    await gw.call('sendArticle', { ...creds, article: article(200, 2000, { name: 'Ny' }) });
    const stale = await gw.call('sendArticle', { ...creds, article: article(200, 1000, { name: 'Gammel' }) });
    expect(stale.result.operationResult).toBe(0);
    expect(await staged('product', 'a:200')).toMatchObject({
      pckTimestamp: 2000n,
      record: expect.objectContaining({ name: 'Ny' }),
    });

    await gw.call('sendArticle', { ...creds, article: article(201, 1000, { name: 'Gammel' }) });
    await gw.call('sendArticle', { ...creds, article: article(201, 2000, { name: 'Ny' }) });
    expect(await staged('product', 'a:201')).toMatchObject({
      pckTimestamp: 2000n,
      dirtyVersion: 2n,
      record: expect.objectContaining({ name: 'Ny' }),
    });
  });

  it('an exact repeat answers 0 and changes nothing', async () => {
    await gw.call('sendArticle', { ...creds, article: article(300, 5000) });
    const before = await staged('product', 'a:300');
    const again = await gw.call('sendArticle', { ...creds, article: article(300, 5000) });
    expect(again.result.operationResult).toBe(0);
    const after = await staged('product', 'a:300');
    expect(after.dirtyVersion).toBe(before.dirtyVersion);
    expect(after.record).toEqual(before.record);
  });

  it('article groups (default profile: web groups): id 0 detaches, null leaves the groups alone', async () => {
    await gw.call('sendArticle', { ...creds, article: article(400, 1, { articleGroup: { arcileGroupId: 0 } }) });
    expect((await staged('product', 'a:400')).record).toMatchObject({ categoryKeys: [] });
    expect((await staged('product', 'a:400')).record).not.toHaveProperty('keepCategoryKeys');
    await gw.call('sendArticle', { ...creds, article: article(401, 1) });
    expect((await staged('product', 'a:401')).record).toMatchObject({ keepCategoryKeys: 'true' });
    await gw.call('sendArticle', {
      ...creds,
      article: article(402, 1, { articleGroup: { arcileGroupId: 12, name: 'Sykler' } }),
    });
    expect((await staged('product', 'a:402')).record).toMatchObject({ categoryKeys: ['wg1:12'] });
    expect((await staged('product', 'a:402')).record).not.toHaveProperty('keepCategoryKeys');
  });

  it('sendImage stages bytes as base64; an empty image deletes; article −10 (company logo) stages nothing', async () => {
    expect((await gw.call('sendImage', { ...creds, articleid: 100, image: PNG })).result.operationResult).toBe(0);
    const key = 'product|a:100||1';
    expect(await staged('image', key)).toMatchObject({
      deleted: false,
      record: expect.objectContaining({ mimeType: 'image/png', data: Buffer.from(PNG).toString('base64') }),
    });
    expect((await gw.call('sendImage', { ...creds, articleid: 100 })).result.operationResult).toBe(0);
    expect(await staged('image', key)).toMatchObject({ deleted: true });

    const logo = await gw.call('sendImage', { ...creds, articleid: -10, image: PNG });
    expect(logo.result.operationResult).toBe(0);
    expect(await gw.db.repos.entities.get(gw.tenantId, 'image', ['product|a:-10||1'])).toEqual([]);
  });

  it('sendImageColor keys images per colour and image id', async () => {
    expect(
      (await gw.call('sendImageColor', { ...creds, articleid: 100, colorid: 7, imageid: 2, image: PNG })).result
        .operationResult,
    ).toBe(0);
    expect(await staged('image', 'product|a:100|7|3')).toMatchObject({ deleted: false });
  });

  it('sendArticleGroup, sendManufacturer, updateStockCount, removeAricle/removeArticle stage their records', async () => {
    expect(
      (
        await gw.call('sendArticleGroup', {
          ...creds,
          articleGroup: { arcileGroupId: 12, groupNumber: 1, name: 'Sykler', timestamp: 10 },
        })
      ).result,
    ).toMatchObject({ operationResult: 0, deltaId: 12 });
    expect(await staged('category', 'wg1:12')).toMatchObject({ record: expect.objectContaining({ name: 'Sykler' }) });

    expect(
      (
        await gw.call('sendManufacturer', {
          ...creds,
          manufacturer: { manufacturerId: 3, name: 'Trek', timestamp: 10 },
        })
      ).result.operationResult,
    ).toBe(0);
    expect(await staged('manufacturer', 'm:3')).toMatchObject({ record: expect.objectContaining({ name: 'Trek' }) });

    await gw.call('sendArticle', { ...creds, article: article(500, 1, { webstockLimit: 2 }) });
    expect(
      (
        await gw.call('updateStockCount', {
          ...creds,
          updateStock: { articleId: 500, count: 9, stockDetails: [], timestamp: 20 },
        })
      ).result.operationResult,
    ).toBe(0);
    const stock = await staged('stock', 'a:500||total');
    expect(stock).toMatchObject({
      pckTimestamp: 20n,
      record: expect.objectContaining({ onHand: '9.000', available: '7.000' }),
    });
    // An exact repeat of a stock call changes nothing (asOf comes from PCK's timestamp, not the arrival time).
    await gw.call('updateStockCount', {
      ...creds,
      updateStock: { articleId: 500, count: 9, stockDetails: [], timestamp: 20 },
    });
    expect((await staged('stock', 'a:500||total')).dirtyVersion).toBe(stock.dirtyVersion);
    expect(
      (
        await gw.call('updateStockCount', {
          ...creds,
          updateStock: { articleId: 500, sizeColorId: 4, count: 1, stockDetails: [], timestamp: 20 },
        })
      ).result.operationResult,
    ).toBe(0);
    expect(await staged('stock', 'a:500|a:500:sc:4|total')).toBeDefined();

    expect((await gw.call('removeAricle', { ...creds, articleid: 500 })).result.operationResult).toBe(0);
    expect(await staged('product', 'a:500')).toMatchObject({ deleted: true });
    await gw.call('sendArticle', { ...creds, article: article(501, 1) });
    expect((await gw.call('removeArticle', { ...creds, articleid: 501 })).result.operationResult).toBe(0);
    expect(await staged('product', 'a:501')).toMatchObject({ deleted: true });
  });

  it('sendSize, sendColor, sendProductLine answer 0 (their names travel with the articles)', async () => {
    expect(
      (await gw.call('sendSize', { ...creds, size: { sizeId: 4, name: 'M', timestamp: 1 } })).result,
    ).toMatchObject({ operationResult: 0, deltaId: 4 });
    expect(
      (await gw.call('sendColor', { ...creds, color: { colorId: 7, name: 'Rød', timestamp: 1 } })).result,
    ).toMatchObject({ operationResult: 0, deltaId: 7 });
    expect(
      (await gw.call('sendProductLine', { ...creds, productLine: { id: 2, name: 'Sommer', number: 1 } })).result,
    ).toMatchObject({ operationResult: 0, deltaId: 2 });
  });

  it('sendDiscount and sendCustomerInfo are staged; deleteDiscount is a tombstone; deltaId echoes deltaCustomerId', async () => {
    expect(
      (
        await gw.call('sendDiscount', {
          ...creds,
          discount: { discountId: 9, discount: new Decimal(10), customerId: 5 },
        })
      ).result,
    ).toMatchObject({ operationResult: 0, deltaId: 9 });
    expect(await staged('pck-discount', 'd:9')).toMatchObject({
      deleted: false,
      record: expect.objectContaining({ discount: '10' }),
    });
    await gw.call('sendDiscount', { ...creds, discount: { discountId: 9, deleteDiscount: true } });
    expect(await staged('pck-discount', 'd:9')).toMatchObject({ deleted: true });

    const r = await gw.call('sendCustomerInfo', {
      ...creds,
      customerInfo: { pckCustomerId: 77, deltaCustomerId: 1234, name: 'Kari', listDiscounts: [] },
    });
    expect(r.result).toMatchObject({ operationResult: 0, deltaId: 1234 });
    expect(await staged('pck-customer', 'c:77')).toMatchObject({ record: expect.objectContaining({ name: 'Kari' }) });
  });

  it('an unmapped VAT rate is a permanent error (1) with a Norwegian message, nothing staged', async () => {
    const r = await gw.call('sendArticle', { ...creds, article: article(600, 1, { vat: new Decimal(11) }) });
    expect(r.result.operationResult).toBe(1);
    expect(r.result.humanErrorMessage).toMatch(/MVA-sats 11/);
    expect(await gw.db.repos.entities.get(gw.tenantId, 'product', ['a:600'])).toEqual([]);
  });

  it('concurrent calls from several tills of one tenant: every call answered 0, the newest timestamp wins per article', async () => {
    const calls = [];
    for (let till = 0; till < 4; till++) {
      for (let i = 0; i < 25; i++) {
        const id = 1000 + (i % 5);
        const ts = 10_000 + till * 100 + i;
        calls.push(gw.call('sendArticle', { ...creds, article: article(id, ts, { name: `till ${till} ts ${ts}` }) }));
      }
    }
    const results = await Promise.all(calls);
    expect(results.every((r) => r.result.operationResult === 0)).toBe(true);
    for (let k = 0; k < 5; k++) {
      const row = await staged('product', `a:${1000 + k}`);
      // Newest per article: till 3, the largest i with i % 5 === k.
      const i = 20 + k;
      expect(row).toMatchObject({
        pckTimestamp: BigInt(10_300 + i),
        record: expect.objectContaining({ name: `till 3 ts ${10_300 + i}` }),
      });
    }
  });

  it('wrong credentials answer 1 with a human message; the right ones still work after', async () => {
    const wrong = await gw.call('sendArticle', { login: LOGIN, password: 'feil', article: article(700, 1) });
    expect(wrong.result.operationResult).toBe(1);
    expect(wrong.result.humanErrorMessage).toMatch(/Feil brukernavn eller passord/);
    const unknown = await gw.call('getStatus', { login: 999, password: PASSWORD });
    expect(unknown.result).toMatchObject({ operationResult: 1, message: expect.stringMatching(/passord/) });
    expect((await gw.call('sendArticle', { ...creds, article: article(700, 1) })).result.operationResult).toBe(0);
  });
});
