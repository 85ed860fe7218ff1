import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseRequest, PckContractErrorCode, type ParseResult } from '../src';

const NS = 'http://webservice.webshop.deltasoft.no/';
const FIXTURES = join(__dirname, 'fixtures');
const env = (body: string, envNs = 'http://schemas.xmlsoap.org/soap/envelope/') =>
  `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${envNs}"><s:Body>${body}</s:Body></s:Envelope>`;
const stock = (inner: string) =>
  env(
    `<ns:updateStockCount xmlns:ns="${NS}"><login>1</login><password>p</password><updateStock>${inner}</updateStock></ns:updateStockCount>`,
  );
const good = stock('<articleId>7</articleId><count>3</count>');

function expectFault(r: ParseResult, code?: PckContractErrorCode): void {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.kind).toBe('fault');
  if (r.kind !== 'fault') return;
  expect(r.fault.code).toBe('Client');
  if (code) expect(r.errorCode).toBe(code);
  expect(r.reply.httpStatus).toBe(500);
  expect(r.reply.body).toContain('<faultcode>soap:Client</faultcode>');
  expect(r.reply.body).toContain('http://schemas.xmlsoap.org/soap/envelope/');
}

function expectInvalid(r: ParseResult, path: string): void {
  expect(r.ok).toBe(false);
  if (r.ok || r.kind !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(r).slice(0, 300)}`);
  expect(r.error.operationResult).toBe(1);
  expect(r.error.humanErrorMessage).toContain(path);
  expect(r.error.errorMessage).toContain(path);
  expect(r.reply.httpStatus).toBe(200);
  expect(r.reply.body).toContain('<operationResult>1</operationResult>');
}

describe('bad-input corpus: faults', () => {
  it.each([
    ['empty string', ''],
    ['whitespace only', '   \n '],
    ['not xml', 'hello world'],
    ['truncated', good.slice(0, good.length - 20)],
    ['truncated mid-tag', good.slice(0, 120)],
    ['mismatched tags', env('<a><b></a></b>')],
    ['two roots', `${good}<x/>`],
    ['bare ampersand', stock('<articleId>7 & 8</articleId>')],
    ['undefined entity', stock('<articleId>&xxe;</articleId>')],
    ['bad char reference', stock('<articleId>&#0;</articleId>')],
    ['unbound prefix', env('<foo:sendArticle/>')],
    ['unterminated comment', `${good}<!-- x`],
    ['lt in attribute', env('<a b="<"/>')],
  ])('malformed: %s', (_name, xml) => expectFault(parseRequest(xml)));

  it('rejects a DOCTYPE (XXE)', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${stock('<articleId>&xxe;</articleId><count>1</count>')}`;
    expectFault(parseRequest(xxe), PckContractErrorCode.DtdForbidden);
  });

  it('rejects billion laughs without expanding anything', () => {
    const lol = ['<!ENTITY lol "lol">'];
    for (let i = 1; i < 10; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const xml = `<?xml version="1.0"?><!DOCTYPE lolz [${lol.join('')}]><lolz>&lol9;</lolz>`;
    expectFault(parseRequest(xml), PckContractErrorCode.DtdForbidden);
  });

  it('rejects a DOCTYPE hidden after a comment', () => {
    expectFault(parseRequest(`<!-- hi --><!DOCTYPE x><x/>`), PckContractErrorCode.DtdForbidden);
  });

  it('rejects oversize bodies before parsing', () => {
    expectFault(parseRequest(good, { maxBytes: 100 }), PckContractErrorCode.TooLarge);
    const big = stock(`<articleId>7</articleId><count>3</count><x>${'A'.repeat(2_000_000)}</x>`);
    expectFault(parseRequest(big, { maxBytes: 1_000_000 }), PckContractErrorCode.TooLarge);
  });

  it('accepts a several-MB base64 image with the default limits', () => {
    const img = Buffer.alloc(6 * 1024 * 1024, 7).toString('base64');
    const r = parseRequest(
      env(
        `<ns:sendImage xmlns:ns="${NS}"><login>1</login><password>p</password><image>${img}</image><articleid>5</articleid></ns:sendImage>`,
      ),
    );
    expect(r.ok).toBe(true);
    if (r.ok && r.operation === 'sendImage') expect(r.payload.image?.byteLength).toBe(6 * 1024 * 1024);
  });

  it('rejects deep nesting and too many elements', () => {
    const deep = stock(`${'<a>'.repeat(200)}${'</a>'.repeat(200)}`);
    expectFault(parseRequest(deep), PckContractErrorCode.TooDeep);
    const many = stock('<x/>'.repeat(5000));
    expectFault(parseRequest(many, { maxElements: 1000 }), PckContractErrorCode.TooManyElements);
  });

  it('rejects wrong envelope namespaces and non-envelopes', () => {
    expectFault(
      parseRequest(good.replace('http://schemas.xmlsoap.org/soap/envelope/', 'urn:wrong')),
      PckContractErrorCode.NotSoapEnvelope,
    );
    expectFault(parseRequest(`<updateStockCount xmlns="${NS}"/>`), PckContractErrorCode.NotSoapEnvelope);
  });

  it('rejects empty bodies and unknown operations', () => {
    expectFault(parseRequest(env('')), PckContractErrorCode.EmptyBody);
    expectFault(parseRequest(env(`<ns:sendWebGroup xmlns:ns="${NS}"/>`)), PckContractErrorCode.UnknownOperation);
  });

  it('rejects invalid UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from(good.slice(0, 100)),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(good.slice(100)),
    ]);
    expectFault(parseRequest(bytes), PckContractErrorCode.BadEncoding);
  });

  it('answers an unknown operation in a SOAP 1.2 envelope with a 1.2 Sender fault', () => {
    const r = parseRequest(env(`<x:nope xmlns:x="${NS}"/>`, 'http://www.w3.org/2003/05/soap-envelope'));
    if (r.ok || r.kind !== 'fault') throw new Error('expected fault');
    expect(r.reply.httpStatus).toBe(400);
    expect(r.reply.body).toContain('soap:Sender');
  });
});

describe('bad-input corpus: validation errors (operationResult 1)', () => {
  it.each([
    ['int is text', stock('<articleId>abc</articleId><count>1</count>'), 'updateStock.articleId'],
    ['int out of range', stock('<articleId>2147483648</articleId><count>1</count>'), 'updateStock.articleId'],
    ['decimal in int', stock('<articleId>1.5</articleId><count>1</count>'), 'updateStock.articleId'],
    ['missing required', stock('<count>1</count>'), 'updateStock.articleId'],
    [
      'bad dateTime',
      stock('<articleId>1</articleId><count>1</count><expectedDeliveryDate>2024-02-30T10:00:00</expectedDeliveryDate>'),
      'updateStock.expectedDeliveryDate',
    ],
    [
      'bad boolean',
      stock('<articleId>1</articleId><count>1</count><confirmedDelivery>yes</confirmedDelivery>'),
      'updateStock.confirmedDelivery',
    ],
    [
      'long beyond 2^53',
      stock('<articleId>1</articleId><count>1</count><timestamp>9007199254740993</timestamp>'),
      'updateStock.timestamp',
    ],
    [
      'complex given text',
      stock('<articleId>1</articleId><count>1</count><stockDetails>zz</stockDetails>'),
      'updateStock.stockDetails',
    ],
    [
      'nested array item',
      stock(
        '<articleId>1</articleId><count>1</count><stockDetails><count>x</count><warehouseId>1</warehouseId></stockDetails>',
      ),
      'updateStock.stockDetails[0].count',
    ],
    ['scalar given elements', stock('<articleId><x/></articleId><count>1</count>'), 'updateStock.articleId'],
    [
      'missing payload',
      env(`<ns:updateStockCount xmlns:ns="${NS}"><login>1</login><password>p</password></ns:updateStockCount>`),
      'updateStock',
    ],
    [
      'login not int',
      env(`<ns:getOrders xmlns:ns="${NS}"><login>abc</login><password>p</password></ns:getOrders>`),
      'login',
    ],
  ])('%s', (_n, xml, path) => expectInvalid(parseRequest(xml), path));

  it('puts the error inside the operation return type (getOrders -> webOrdersReturn.insertUpdate)', () => {
    const r = parseRequest(env(`<ns:getOrders xmlns:ns="${NS}"><login>x</login><password>p</password></ns:getOrders>`));
    if (r.ok || r.kind !== 'invalid') throw new Error('expected invalid');
    expect(r.reply.body).toContain('<ns2:getOrdersResponse');
    expect(r.reply.body).toMatch(
      /<return><insertUpdate><deltaId>0<\/deltaId>.*<operationResult>1<\/operationResult><\/insertUpdate><\/return>/,
    );
    expect(r.error.humanErrorMessage).toMatch(/^Ugyldig verdi i feltet «login»: forventet heltall\.$/);
  });

  it('updateOrderStatus -> updateOrderResponse.insertUpdate with required money zeroed', () => {
    const r = parseRequest(
      env(
        `<ns:updateOrderStatus xmlns:ns="${NS}"><login>1</login><password>p</password><updateOrder><orderStatusId>4</orderStatusId></updateOrder></ns:updateOrderStatus>`,
      ),
    );
    if (r.ok || r.kind !== 'invalid') throw new Error('expected invalid');
    expect(r.reply.body).toContain(
      '<return><amount>0</amount><extraCost>0</extraCost><freightCost>0</freightCost><insertUpdate>',
    );
    expect(r.error.humanErrorMessage).toBe('Mangler påkrevd felt «updateOrder.deltaOrderId».');
  });

  it('operations without an error field answer validation errors with a Client fault', () => {
    const r = parseRequest(
      env(`<ns:getReceiptURL xmlns:ns="${NS}"><login>1</login><password>p</password></ns:getReceiptURL>`),
    );
    if (r.ok || r.kind !== 'invalid') throw new Error('expected invalid');
    expect(r.reply.httpStatus).toBe(500);
    expect(r.reply.body).toContain('soap:Client');
    expect(r.reply.body).toContain('orderid');
  });
});

/**
 * parseRequest never throws: it answers a crash inside the parser (a TypeError, a stack overflow…)
 * with a Server fault. For the fuzz tests that answer is the failure to look for: bad input must
 * be the client's fault (a Client fault) or a validation error, never our internal error.
 */
function handledAsClientError(r: ParseResult): boolean {
  if (r.ok || r.kind === 'invalid') return true;
  return r.fault.code === 'Client' && r.errorCode !== undefined;
}

function expectHandled(r: ParseResult, input: string | Uint8Array): void {
  if (!handledAsClientError(r)) {
    const shown = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
    throw new Error(
      `internal error (Server fault) for input ${JSON.stringify(shown.slice(0, 400))}: ${r.ok ? '' : r.reply.body.slice(0, 300)}`,
    );
  }
}

/** Every golden request, one per operation: valid inputs to mutate. */
const requests = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.request.xml'))
  .sort()
  .map((f) => readFileSync(join(FIXTURES, f), 'utf8'));

/** Offsets of the text content of leaf elements (`>text<` between a start and an end tag). */
function leafTexts(xml: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of xml.matchAll(/<([A-Za-z][\w.:-]*)(?:\s[^>]*)?>([^<]*)<\/\1>/g)) {
    const start = (m.index ?? 0) + m[0].indexOf('>') + 1;
    out.push({ start, end: start + m[2].length });
  }
  return out;
}

/** The golden files put one tag (or one leaf element) per line, so lines are the units to edit. */
function lines(xml: string): string[] {
  return xml.split('\n');
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

describe('bad-input corpus: fuzz (fast-check)', () => {
  it('answers arbitrary text, truncations and byte flips of a valid request without an internal error', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => handledAsClientError(parseRequest(s))));
    for (let i = 0; i < good.length - 1; i += 3) {
      const r = parseRequest(good.slice(0, i));
      expect(r.ok).toBe(false);
      expectHandled(r, good.slice(0, i));
    }
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }), (pos, byte) => {
        const b = Buffer.from(good);
        b[pos] = byte;
        expectHandled(parseRequest(b), b);
      }),
      { numRuns: 300 },
    );
  });

  const request = fc.constantFrom(...requests);
  const junk = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      '',
      ' ',
      '-1',
      '1e400',
      'NaN',
      '-0',
      '2147483648',
      '9223372036854775808',
      '1.5',
      'true',
      '0x10',
      '٣',
      '2024-13-40T25:61:61',
      '-2024-01-01T00:00:00Z',
    ),
    fc.integer().map(String),
    fc.double().map(String),
  );

  it('answers every operation with a leaf value replaced by junk without an internal error', () => {
    fc.assert(
      fc.property(request, fc.nat(), junk, (xml, which, value) => {
        const leaves = leafTexts(xml);
        const { start, end } = leaves[which % leaves.length];
        const mutated = xml.slice(0, start) + escapeXml(value) + xml.slice(end);
        expectHandled(parseRequest(mutated), mutated);
      }),
      { numRuns: 600 },
    );
  });

  it('answers every operation with lines dropped, repeated, swapped or truncated without an internal error', () => {
    fc.assert(
      fc.property(
        request,
        fc.array(fc.tuple(fc.constantFrom('drop', 'repeat', 'swap', 'nil', 'cut'), fc.nat()), {
          minLength: 1,
          maxLength: 4,
        }),
        (xml, edits) => {
          const ls = lines(xml);
          for (const [edit, n] of edits) {
            const i = 3 + (n % Math.max(1, ls.length - 6)); // keep the envelope's first and last lines
            if (i >= ls.length) continue;
            if (edit === 'drop') ls.splice(i, 1);
            else if (edit === 'repeat') ls.splice(i, 0, ls[i]);
            else if (edit === 'swap' && i + 1 < ls.length) [ls[i], ls[i + 1]] = [ls[i + 1], ls[i]];
            else if (edit === 'nil')
              ls[i] = ls[i].replace(
                /^<([A-Za-z]\w*)([^>]*)>/,
                '<$1$2 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true">',
              );
            else if (edit === 'cut') ls[i] = ls[i].slice(0, n % (ls[i].length + 1));
          }
          const mutated = ls.join('\n');
          expectHandled(parseRequest(mutated), mutated);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('would fail on an internal error: a Server fault is not a handled answer', () => {
    // The check above relies on this: the catch-all in parseRequest turns a crash into a Server fault.
    const crash = {
      ok: false,
      kind: 'fault',
      soapVersion: '1.1',
      fault: { code: 'Server', message: 'x' },
      reply: { httpStatus: 500, contentType: '', body: '' },
    };
    expect(handledAsClientError(crash as ParseResult)).toBe(false);
    expect(handledAsClientError(parseRequest(''))).toBe(true);
  });
});
