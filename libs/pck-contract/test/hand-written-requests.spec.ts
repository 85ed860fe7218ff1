import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { parseRequest, WEBSHOP_NS, type OperationName } from '../src';
import { normalize } from './support';

/**
 * Requests typed by hand from the reference's sample envelopes (§6.1, §6.1a) and Deltasoft's
 * spec v1.98 (see fixtures/hand-written/README.md), never by our serializer: the golden files
 * are written by `serializeRequest`, so a misreading shared by serializer and parser would pass
 * there. Each payload is spelled out here field by field from the XML, in the model's form
 * (decimals "D:…" for exact Decimals, dateTimes as UTC ISO strings, longs as numbers).
 */
function read(file: string, operation: OperationName): Record<string, unknown> {
  const r = parseRequest(readFileSync(join(__dirname, 'fixtures', 'hand-written', file)));
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r).slice(0, 500)}`);
  expect(r.operation).toBe(operation);
  expect(r.namespace).toBe(WEBSHOP_NS);
  expect(r.soapVersion).toBe('1.1');
  return r.payload as unknown as Record<string, unknown>;
}

describe('hand-written requests (reference samples and .NET / zeep client shapes)', () => {
  it('updateStockCount exactly as the §6.1 sample (prefixed wrapper, unqualified children)', () => {
    expect(normalize(read('updateStockCount.section-6.1.request.xml', 'updateStockCount'))).toEqual({
      login: 1234,
      password: 'secret',
      updateStock: { articleId: 42, count: 7, sizeColorId: 0, stockDetails: [], timestamp: 1726470000000 },
    });
  });

  it('updateStockCount from a .NET proxy (§6.1a: default-namespace wrapper, xmlns="" children), per warehouse and variant', () => {
    expect(normalize(read('updateStockCount.dotnet.request.xml', 'updateStockCount'))).toEqual({
      login: 4711,
      password: 'pw',
      updateStock: {
        articleId: 7,
        confirmedDelivery: true,
        count: -2,
        expectedDeliveryAmount: 24,
        expectedDeliveryDate: '2025-04-09T22:00:00.000Z', // 2025-04-10T00:00:00+02:00
        sizeColorId: 7002,
        stockDetails: [
          { count: -3, warehouseId: 1 },
          { count: 1, warehouseId: 2 },
        ],
        timestamp: 1741600800123,
      },
    });
  });

  it('sendArticle with groups, manufacturer, product line, offer price, alternatives, sizeColors and stockDetails', () => {
    const payload = read('sendArticle.dotnet.request.xml', 'sendArticle');
    const article = payload['article'] as Record<string, unknown>;
    // Money arrives as exact Decimals, never as binary floats.
    expect(article['costPrice']).toBeInstanceOf(Decimal);
    expect((article['costPrice'] as Decimal).toFixed(4)).toBe('512.3456');
    expect((article['salesPrice'] as Decimal).equals('1299.50')).toBe(true);
    expect(normalize(payload)).toEqual({
      login: 4711,
      password: 'hemmelig æøå & <pw>',
      article: {
        alternativePrice: 'D:1199',
        alternativePrice2: 'D:1200',
        // alternativeVat is xsi:nil: absent, i.e. no alternative VAT.
        alternatives: [
          { amountChange: 'D:49', description: 'Ekstra hette' },
          { amountChange: 'D:-20', description: 'Uten belte' },
        ],
        articleGroup: {
          arcileGroupId: 12,
          description: 'Varme jakker for vinteren',
          groupNumber: 1,
          name: 'Jakker',
          timestamp: 1741600000000,
        },
        articleGroup2: { arcileGroupId: 0, groupNumber: 2 }, // id 0: remove the level-2 group from the article
        articleId: 1001,
        articleNo: 'JAK-1001',
        articleStatus: 0,
        articleWebAction: 0,
        autoOpenAlternatives: false,
        confirmedDelivery: false,
        costPrice: 'D:512.3456',
        description: '<p>Vanntett skalljakke</p>',
        discount: 'D:999.5', // the offer price, not a percentage
        discountFrom: 1740787200000, // 2025-03-01T00:00:00Z in epoch ms
        discountTo: 1743465599999,
        eans: ['7071234567893', '7071234567909'],
        expectedDeliveryAmount: 0,
        externalGroupId: 12,
        externalGroupId2: 0,
        height: 'D:4.5',
        hideWhenOutOfStock: true,
        info1: 'Fôr: fleece',
        length: 'D:70',
        manufacturer: { manufacturerId: 7, name: 'Bergans', timestamp: 1741500000000 },
        manufacturerArticleNo: 'BRG-554',
        name: 'Skalljakke Vika',
        noDiscount: false,
        nonStockItem: false,
        nonStockItemDays: 0,
        price1: 'D:1099',
        price10: 'D:0',
        price2: 'D:1049.9',
        productLine: { id: 3, name: 'Vinter 2025', number: 25 },
        purchasePrice: 'D:480',
        recommendedProduct: true,
        salesPrice: 'D:1299.5',
        shippingType: 5,
        sizeColorInUse: true,
        sizeColors: [
          {
            color: { code: '#1B2A49', colorId: 4, name: 'Marine', timestamp: 1741400000000 },
            confirmedDelivery: false,
            eans: ['7071234567916'],
            expectedDeliveryAmount: 0,
            info: 'EU 48 = US M',
            size: { name: 'M', sizeId: 2, timestamp: 1741300000000 },
            sizeColorId: 7001,
            sizeColorInUse: true,
            stockCount: 3,
            stockDetails: [
              { count: 2, warehouseId: 1 },
              { count: 1, warehouseId: 2 },
            ],
            timestamp: 1741600000001,
          },
          {
            color: { code: '#000000', colorId: 1, name: 'Sort', timestamp: 1741400000000 },
            confirmedDelivery: true,
            eans: [],
            expectedDeliveryAmount: 10,
            expectedDeliveryDate: '2025-04-09T22:00:00.000Z',
            size: { name: 'L', sizeId: 3, timestamp: 1741300000000 },
            sizeColorId: 7002,
            sizeColorInUse: false, // discontinued variant
            stockCount: 0,
            stockDetails: [],
            timestamp: 1741600000002,
          },
        ],
        stockCount: 3,
        stockDetails: [
          { count: 2, warehouseId: 1 },
          { count: 1, warehouseId: 2 },
        ],
        storePrice: 'D:1349',
        subtitle: 'Lett og pustende',
        suggestedPrice: 'D:1499',
        timestamp: 1741600000000,
        unitCode: 'stk',
        unitPricingQuantity: 'D:1',
        unitPricingUnitCode: 'stk',
        vat: 'D:25',
        visibleOnWeb: true,
        volume: 'D:0.012',
        webshippingPrice: 'D:99',
        webstockLimit: 1,
        weight: 'D:0.85',
        width: 'D:55',
      },
    });
  });

  it('getOrders from python-zeep (§6.1a: prefixed wrapper, single-quoted declaration, no whitespace)', () => {
    expect(normalize(read('getOrders.zeep.request.xml', 'getOrders'))).toEqual({
      login: 1,
      password: 'secret',
      computerName: 'KASSE-1\\ola{orderversion:2}',
    });
  });

  it('updateOrderStatus (delivered) with two orderLines, one the freight line -10', () => {
    expect(normalize(read('updateOrderStatus.dotnet.request.xml', 'updateOrderStatus'))).toEqual({
      login: 4711,
      password: 'pw',
      updateOrder: {
        deltaOrderId: 50123,
        message: 'Pakken er sendt',
        orderLines: [
          { amount: 2, info: 'Serienr: 1001,1002', orderLineId: 1, qty: 'D:2' },
          { amount: 1, orderLineId: -10, qty: 'D:1.5' },
        ],
        orderStatusId: 5,
        packageNo: '370123456789012345',
        packtrackURL: 'https://sporing.posten.no/sporing/370123456789012345',
        sendId: 88,
        timestamp: 1741600900000,
        transporterName: 'Posten',
      },
    });
  });

  it('sendCustomerInfo for a new customer with two listDiscounts (wire name `discount` for the percentage)', () => {
    expect(normalize(read('sendCustomerInfo.dotnet.request.xml', 'sendCustomerInfo'))).toEqual({
      login: 4711,
      password: 'pw',
      customerInfo: {
        address1: 'Storgata 1',
        address2: 'c/o Hansen',
        countryCode: 578,
        creditApproved: true,
        customerGroup: { customerGroupId: 3, name: 'Bedrift' },
        deltaCustomerId: 0,
        email: 'kari@example.no',
        listDiscounts: [
          {
            categoryId: 12,
            count: 1,
            customerId: 9001,
            deleteDiscount: false,
            discount: 'D:12.5',
            discountId: 301,
            priceAdjustment: 'D:0',
            priceType: 0,
            validUntil: '2025-12-31T22:59:59.000Z', // no zone: PCK's local time, Oslo winter UTC+1
          },
          {
            articleId: 1001,
            count: 5,
            customerGroupId: 3,
            deleteDiscount: true,
            discount: 'D:0',
            discountId: 302,
            priceAdjustment: 'D:-2.75',
            priceType: 8,
          },
        ],
        name: 'Kari Nordmann AS',
        orgNo: '912345678',
        pckCustomerId: 9001,
        phoneNo: '+47 22 33 44 55',
        postCity: 'OSLO',
        postNo: '0150', // a post code is text: the leading zero stays
        welcomeMessage: 'Velkommen som kunde hos oss!',
      },
    });
  });

  it('removeAricle, the misspelled name PCK calls today (spec v1.98), with `articleid` in lower case', () => {
    expect(normalize(read('removeAricle.dotnet.request.xml', 'removeAricle'))).toEqual({
      login: 4711,
      password: 'pw',
      articleid: 1001,
    });
  });
});
