import { Decimal } from 'decimal.js';
import { parseRequest, serializeResponse, WEBSHOP_NS, type ParseResult } from '../src';
import { normalize } from './support';

const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';
const call = (op: string, inner: string, envNs = S11) =>
  `<e:Envelope xmlns:e="${envNs}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><e:Header/><e:Body>` +
  `<w:${op} xmlns:w="${WEBSHOP_NS}"><login>1</login><password>p</password>${inner}</w:${op}></e:Body></e:Envelope>`;

function payload(r: ParseResult): Record<string, unknown> {
  if (!r.ok) throw new Error(JSON.stringify(r).slice(0, 400));
  return normalize(r.payload) as Record<string, unknown>;
}

describe('accepted spelling variants and encodings', () => {
  it('arcileGroupId / articleGroupId', () => {
    for (const n of ['arcileGroupId', 'articleGroupId']) {
      const p = payload(
        parseRequest(
          call('sendArticleGroup', `<articleGroup><${n}>5</${n}><groupNumber>2</groupNumber></articleGroup>`),
        ),
      );
      expect(p['articleGroup']).toEqual({ arcileGroupId: 5, groupNumber: 2 });
    }
  });

  it('stockCount / stockCcount, discount / discount1, info / into / Info', () => {
    const a = payload(
      parseRequest(call('sendArticle', '<article><articleId>1</articleId><stockCcount>4</stockCcount></article>')),
    );
    expect((a['article'] as Record<string, unknown>)['stockCount']).toBe(4);
    const d = payload(
      parseRequest(call('sendDiscount', '<discount><discountId>1</discountId><discount1>12.5</discount1></discount>')),
    );
    expect((d['discount'] as Record<string, unknown>)['discount']).toBe('D:12.5');
    for (const n of ['info', 'into', 'Info']) {
      const u = payload(
        parseRequest(
          call(
            'updateOrderStatus',
            `<updateOrder><deltaOrderId>1</deltaOrderId><orderStatusId>5</orderStatusId><orderLines><orderLineId>1</orderLineId><amount>1</amount><${n}>SN1</${n}></orderLines></updateOrder>`,
          ),
        ),
      );
      expect((u['updateOrder'] as { orderLines: { info: string }[] }).orderLines[0].info).toBe('SN1');
    }
  });

  it('removeAricle and removeArticle are both operations', () => {
    for (const op of ['removeAricle', 'removeArticle']) {
      const r = parseRequest(call(op, '<articleid>9</articleid>'));
      expect(r.ok && r.operation).toBe(op);
    }
  });

  it('sendProductLine reads `size` (S1 signature) and `productLine`', () => {
    for (const n of ['size', 'productLine']) {
      const p = payload(parseRequest(call('sendProductLine', `<${n}><id>3</id><name>X</name></${n}>`)));
      expect(p['productLine']).toEqual({ id: 3, name: 'X' });
    }
  });

  it('creditOrder reads orderLine and orderLines', () => {
    for (const n of ['orderLine', 'orderLines']) {
      const p = payload(
        parseRequest(
          call(
            'creditOrder',
            `<orderId>1</orderId><${n}><orderLineId>2</orderLineId><amount>1</amount></${n}><amount>10.00</amount>`,
          ),
        ),
      );
      expect(p['orderLine']).toEqual([{ orderLineId: 2, amount: 1 }]);
      expect(p['amount']).toBe('D:10');
    }
  });

  it('booleans true/false/1/0, xsi:nil, dateTimes with and without zone, exact decimals', () => {
    const p = payload(
      parseRequest(
        call(
          'sendArticle',
          '<article><articleId>1</articleId><visibleOnWeb>1</visibleOnWeb><noDiscount>false</noDiscount><nonStockItem>0</nonStockItem>' +
            '<recommendedProduct> true </recommendedProduct><alternativeVat xsi:nil="true"/><articleGroup xsi:nil="true"/>' +
            '<salesPrice>0.1</salesPrice><costPrice>12345678901234567890.123456789</costPrice>' +
            '<expectedDeliveryDate>2024-01-15T10:00:00</expectedDeliveryDate><discountFrom>1726470000000</discountFrom></article>',
        ),
      ),
    );
    expect(p['article']).toEqual(
      expect.objectContaining({
        visibleOnWeb: true,
        noDiscount: false,
        nonStockItem: false,
        recommendedProduct: true,
        salesPrice: 'D:0.1',
        costPrice: 'D:12345678901234567890.123456789',
        expectedDeliveryDate: '2024-01-15T09:00:00.000Z', // Oslo winter time, UTC+1
        discountFrom: 1726470000000,
      }),
    );
    expect(p['article']).not.toHaveProperty('alternativeVat');
    expect(p['article']).not.toHaveProperty('articleGroup');
    const z = (v: string) =>
      (
        payload(
          parseRequest(
            call('sendDiscount', `<discount><discountId>1</discountId><validUntil>${v}</validUntil></discount>`),
          ),
        )['discount'] as Record<string, unknown>
      )['validUntil'];
    expect(z('2024-07-01T12:00:00Z')).toBe('2024-07-01T12:00:00.000Z');
    expect(z('2024-07-01T12:00:00+02:00')).toBe('2024-07-01T10:00:00.000Z');
    expect(z('2024-07-01T12:00:00.1234567')).toBe('2024-07-01T10:00:00.123Z'); // .NET 7 digits, Oslo summer time
  });

  it('.NET style (default namespace, xmlns="" children), zeep style and unqualified wrapper all parse', () => {
    const net = `<soap:Envelope xmlns:soap="${S11}"><soap:Body><getOrders xmlns="${WEBSHOP_NS}"><login xmlns="">4711</login><password xmlns="">pw</password><computerName xmlns="">PC\\ola{orderversion:2}</computerName></getOrders></soap:Body></soap:Envelope>`;
    expect(payload(parseRequest(net))).toEqual({
      login: 4711,
      password: 'pw',
      computerName: 'PC\\ola{orderversion:2}',
    });
    const bare = `<soap:Envelope xmlns:soap="${S11}"><soap:Body><getOrders><login>1</login><password>x</password></getOrders></soap:Body></soap:Envelope>`;
    const r = parseRequest(bare);
    expect(r.ok && r.namespace).toBe('');
  });

  it('answers in the SOAP version and namespace of the request', () => {
    const r = parseRequest(call('getStatus', '', S12).replace(`xmlns:w="${WEBSHOP_NS}"`, 'xmlns:w="urn:other"'));
    if (!r.ok) throw new Error('expected ok');
    expect(r.soapVersion).toBe('1.2');
    expect(r.namespace).toBe('urn:other');
    const xml = serializeResponse(
      'getStatus',
      { creditApplicants: 0, onlineCustomers: 2, operationResult: 0, orders: 1 },
      r,
    );
    expect(xml).toContain(`<soap:Envelope xmlns:soap="${S12}">`);
    expect(xml).toContain(
      '<ns2:getStatusResponse xmlns:ns2="urn:other"><return><creditApplicants>0</creditApplicants><onlineCustomers>2</onlineCustomers><operationResult>0</operationResult><orders>1</orders></return>',
    );
  });

  it('emits the misspelled wire names and omits absent optionals', () => {
    const xml = serializeResponse('getWelcomeMailTemplate', { mesage: 'Velkommen' }, { soapVersion: '1.1' });
    expect(xml).toContain('<return><mesage>Velkommen</mesage></return>');
    const upd = serializeResponse(
      'updateOrderStatus',
      {
        amount: new Decimal('199.00'),
        authorzationId: 'A1',
        extraCost: undefined as never,
        freightCost: undefined as never,
        insertUpdate: { deltaId: 1, operationResult: 0 },
      },
      { soapVersion: '1.1' },
    );
    expect(upd).toContain(
      '<return><amount>199</amount><authorzationId>A1</authorzationId><extraCost>0</extraCost><freightCost>0</freightCost><insertUpdate><deltaId>1</deltaId><operationResult>0</operationResult></insertUpdate></return>',
    );
  });
});
