import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  decodeTwinXml,
  encodeTwinXml,
  TwinDeletionTarget,
  TwinXmlError,
  TwinXmlErrorCode,
  validateTwinDocument,
  type TwinXmlIssue,
} from '../src';
import { sampleDocument } from './sample-document';

const golden = readFileSync(join(__dirname, 'fixtures', 'sample.twinxml.xml'), 'utf8');

function decodeError(xml: string, limits?: Parameters<typeof decodeTwinXml>[1]): TwinXmlError {
  try {
    decodeTwinXml(xml, limits);
  } catch (error) {
    if (error instanceof TwinXmlError) return error;
    throw error;
  }
  throw new Error('expected decodeTwinXml to throw');
}

const issue = (path: string, message: string): TwinXmlIssue => ({ path, message });

describe('decodeTwinXml errors', () => {
  it('addresses field errors by path, collecting all of them', () => {
    const xml = golden
      .replace('<Price>199.0000</Price>', '<Price>abc</Price>')
      .replace('<OnHand>12.500</OnHand>', '<OnHand>1.2345</OnHand>')
      .replace('<Mode>delta</Mode>', '<Mode>partial</Mode>');
    const error = decodeError(xml);
    expect(error.code).toBe(TwinXmlErrorCode.Invalid);
    expect(error.issues).toEqual([
      issue('/TwinXML/Header/Mode', 'not one of full, delta'),
      issue('/TwinXML/Products/Product[2]/Price', 'not a decimal'),
      issue('/TwinXML/StockLevels/StockLevel[2]/OnHand', 'more than 3 decimals'),
    ]);
    expect(error.message).toContain('/TwinXML/Products/Product[2]/Price: not a decimal');
  });

  it('reports missing, unexpected and out-of-order elements', () => {
    expect(decodeError(golden.replace('<Sku>LUE-2002</Sku>', '')).issues).toEqual([
      issue('/TwinXML/Products/Product[2]/Sku', 'missing'),
    ]);
    expect(decodeError(golden.replace('<Key>M7</Key>', '<Key>M7</Key><Foo>1</Foo>')).issues).toEqual([
      issue(
        '/TwinXML/Manufacturers/Manufacturer[1]/Foo',
        'unexpected element (allowed: Key, Name, Description, Published)',
      ),
    ]);
    expect(
      decodeError(golden.replace('<Gtin>7071234567909</Gtin>', '<Gtin>7071234567909</Gtin><Gtin>x</Gtin>')).issues,
    ).toEqual([issue('/TwinXML/Products/Product[1]/Variant[1]/Gtin[2]', 'not a GTIN (8, 12, 13 or 14 digits)')]);
    // Strict sequence, as in the XSD: the stray Key stands where Published must be.
    expect(decodeError(golden.replace('<Name>Bergans</Name>', '<Name>Bergans</Name><Key>M8</Key>')).issues).toEqual([
      issue('/TwinXML/Manufacturers/Manufacturer[1]/Published', 'missing'),
      issue('/TwinXML/Manufacturers/Manufacturer[1]/Key', 'out of order or repeated'),
    ]);
    expect(
      decodeError(golden.replace('<Published>false</Published>', '<Published>false<b/></Published>')).issues,
    ).toEqual([issue('/TwinXML/Products/Product[2]/Published', 'expected text, found element b')]);
  });

  it('applies record rules and document rules', () => {
    expect(decodeError(golden.replace('<ContentHash>sha256:02', '<ContentHash>sha256:03')).issues[0]).toMatchObject({
      path: '/TwinXML/Images/Image[1]/ContentHash',
    });
    expect(decodeError(golden.replace('<Key>2002</Key>', '<Key>1001</Key>')).issues).toEqual([
      issue('/TwinXML/Products/Product[2]', 'duplicate record key 1001 (first at Product[1])'),
    ]);
    expect(decodeError(golden.replace('<Total>15</Total>', '<Total>14</Total>')).issues).toEqual([
      issue('/TwinXML/Trailer/Total', 'says 14, the document has 15'),
    ]);
  });

  it('rejects malformed XML, DOCTYPEs, undefined entities and bad encodings', () => {
    expect(decodeError(golden.replace('</Header>', '')).code).toBe(TwinXmlErrorCode.Malformed);
    expect(decodeError(golden + '<junk/>').code).toBe(TwinXmlErrorCode.Malformed);
    const bomb = golden
      .replace('<TwinXML', '<!DOCTYPE TwinXML [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>\n<TwinXML')
      .replace('Bergans', '&b;');
    expect(decodeError(bomb).code).toBe(TwinXmlErrorCode.DoctypeForbidden);
    expect(decodeError(golden.replace('Bergans', '&nbsp;')).issues).toEqual([
      issue('/TwinXML/Manufacturers/Manufacturer[1]/Name', 'undefined entity &nbsp; (entities are not allowed)'),
    ]);
    expect(decodeError(golden.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')).code).toBe(
      TwinXmlErrorCode.Invalid,
    );
    expect(() => decodeTwinXml(Buffer.from([0x3c, 0xff, 0xfe]))).toThrow('not valid UTF-8');
    expect(decodeError(golden.replace('xmlns="urn:pcknop:twinxml:1"', '')).issues).toEqual([
      issue('/TwinXML', 'missing namespace; expected xmlns="urn:pcknop:twinxml:1"'),
    ]);
  });

  it('resolves character references and CDATA exactly', () => {
    const doc = decodeTwinXml(
      golden.replace('<Name>Bergans</Name>', '<Name>B&#233;r&#x67;&lt;<![CDATA[&amp;]]></Name>'),
    );
    expect(doc.manufacturers[0].name).toBe('Bérg<&amp;');
    expect(decodeError(golden.replace('Bergans', '&#0;')).issues[0].message).toBe('invalid character reference &#0;');
  });

  it('enforces size, depth and element-count limits', () => {
    expect(decodeError(golden, { maxBytes: 1000 }).code).toBe(TwinXmlErrorCode.LimitExceeded);
    expect(decodeError(golden, { maxElements: 50 }).code).toBe(TwinXmlErrorCode.LimitExceeded);
    const deep = golden.replace('<Name>Bergans</Name>', `<Name>${'<x>'.repeat(50)}${'</x>'.repeat(50)}</Name>`);
    expect(decodeError(deep).code).toBe(TwinXmlErrorCode.LimitExceeded);
  });

  describe('element and depth limits are checked before any parsing', () => {
    afterEach(() => jest.restoreAllMocks());

    it('fails a document over the limits without running the validator or building a tree', () => {
      const validate = jest.spyOn(XMLValidator, 'validate');
      const parse = jest.spyOn(XMLParser.prototype, 'parse');
      const many = golden.replace('<Gtin>7071234567909</Gtin>', '<Gtin>7071234567909</Gtin>'.repeat(5000));
      expect(decodeError(many, { maxElements: 1000 }).issues).toEqual([issue('/', 'more than 1000 elements')]);
      const deep = golden.replace(
        '<Name>Bergans</Name>',
        `<Name>${'<x>'.repeat(10_000)}${'</x>'.repeat(10_000)}</Name>`,
      );
      expect(decodeError(deep).issues).toEqual([issue('/', 'elements nested deeper than 16')]);
      expect(validate).not.toHaveBeenCalled();
      expect(parse).not.toHaveBeenCalled();
    });

    it('counts elements exactly: not inside comments, CDATA, processing instructions or attribute values', () => {
      const elements = golden.match(/<[A-Za-z]/g)?.length ?? 0;
      expect(decodeTwinXml(golden, { maxElements: elements }).manufacturers).toHaveLength(1);
      expect(decodeError(golden, { maxElements: elements - 1 }).code).toBe(TwinXmlErrorCode.LimitExceeded);
      const decoys = golden
        .replace('<Header>', '<!-- <a><b><c> --><?pi <d><e>?><Header>')
        .replace('<Name>Bergans</Name>', '<Name><![CDATA[<y><z>]]>Bergans</Name>')
        .replace('<TwinXML', '<TwinXML xmlns:q="urn:q/>"');
      expect(decodeTwinXml(decoys, { maxElements: elements }).manufacturers[0].name).toBe('<y><z>Bergans');
    });

    it('measures depth with the root at 1, as the streaming decoder does, empty elements included', () => {
      // The sample nests 6 deep: TwinXML/Products/Product/Variant/Colour/Code.
      expect(decodeTwinXml(golden, { maxDepth: 6 }).products).toHaveLength(2);
      expect(decodeError(golden, { maxDepth: 5 }).issues).toEqual([issue('/', 'elements nested deeper than 5')]);
      const emptyAt7 = golden.replace(/<Code>([^<]*)<\/Code>/, '<Code>$1<x/></Code>');
      expect(decodeError(emptyAt7, { maxDepth: 6 }).issues).toEqual([issue('/', 'elements nested deeper than 6')]);
    });
  });
});

describe('validateTwinDocument and encodeTwinXml', () => {
  it('accepts the sample document', () => {
    expect(validateTwinDocument(sampleDocument())).toEqual([]);
  });

  it('reports model errors with wire paths, and encode refuses the document', () => {
    const doc = sampleDocument();
    doc.products[0].price = new Decimal('10.12345');
    (doc.products[0].variants[1] as unknown as Record<string, unknown>).stock = 3;
    doc.orders[0].lines[1].vatRate = new Decimal(-25);
    doc.categories[1].name = '';
    doc.header.createdAt = new Date(Number.NaN);
    const expected = [
      issue('/TwinXML/Header/CreatedAt', 'not a valid Date'),
      issue('/TwinXML/Categories/Category[2]/Name', 'must not be empty'),
      issue('/TwinXML/Products/Product[1]/Price', 'more than 4 decimals'),
      issue('/TwinXML/Products/Product[1]/Variant[2]/Stock', 'not a Decimal (quantity)'),
      issue('/TwinXML/Orders/Order[1]/Line[2]/VatRate', 'must not be negative'),
    ];
    expect(validateTwinDocument(doc)).toEqual(expected);
    try {
      encodeTwinXml(doc);
      throw new Error('expected encodeTwinXml to throw');
    } catch (error) {
      expect(error).toBeInstanceOf(TwinXmlError);
      expect((error as TwinXmlError).code).toBe(TwinXmlErrorCode.InvalidModel);
      expect((error as TwinXmlError).issues).toEqual(expected);
    }
  });

  it('reports rule violations and characters XML cannot carry', () => {
    const doc = sampleDocument();
    doc.images[1].data = new Uint8Array([1]);
    doc.deletions[1].parentKey = undefined;
    doc.manufacturers[0].name = 'Berg\u0000ans';
    doc.orders[0].lines[1].lineId = 'L1';
    expect(validateTwinDocument(doc)).toEqual([
      issue('/TwinXML/Manufacturers/Manufacturer[1]/Name', 'contains a character not allowed in XML'),
      issue('/TwinXML/Images/Image[2]', 'an image needs exactly one of Data (the bytes) or Uri (a reference)'),
      issue('/TwinXML/Deletions/Deletion[2]/ParentKey', 'deleting a variant needs the key of its product'),
      issue('/TwinXML/Orders/Order[1]/Line[2]/LineId', 'duplicate line id L1'),
    ]);
  });

  it('accepts a sub-category whose parent the source did not state, and keeps the other category rules', () => {
    const doc = sampleDocument();
    doc.categories.push({ key: 'wg2:14', level: 2, name: 'Underkategori', sortOrder: 0, published: true });
    expect(validateTwinDocument(doc)).toEqual([]);
    expect(decodeTwinXml(encodeTwinXml(doc)).categories.at(-1)).toEqual(doc.categories.at(-1));
    doc.categories.push({ key: 'G9', parentKey: 'G1', level: 1, name: 'Feil', sortOrder: 0, published: true });
    doc.categories.push({ key: 'G8', parentKey: 'G8', level: 2, name: 'Sirkel', sortOrder: 0, published: true });
    expect(validateTwinDocument(doc).map((i) => i.message)).toEqual([
      'a category with a parent cannot have level 1',
      'a category cannot be its own parent',
    ]);
  });

  it('lets an image deletion name its owner as parent, and no other deletion but a variant', () => {
    const doc = sampleDocument();
    doc.deletions.push({
      target: TwinDeletionTarget.Image,
      key: 'img:1',
      parentKey: '1001',
      deletedAt: new Date('2025-03-01T10:00:00Z'),
    });
    expect(validateTwinDocument(doc)).toEqual([]);
    doc.deletions.push({
      target: TwinDeletionTarget.Category,
      key: 'G7',
      parentKey: 'G1',
      deletedAt: new Date('2025-03-01T10:00:00Z'),
    });
    expect(validateTwinDocument(doc).map((i) => i.message)).toEqual([
      'only variant and image deletions have a parent key',
    ]);
  });

  it('gives byte-equal output for equal content built differently', () => {
    const a = sampleDocument();
    const b = sampleDocument();
    b.products[0].price = new Decimal('1999.0000');
    b.header.createdAt = new Date('2025-03-01T11:00:00.123+01:00');
    expect(encodeTwinXml(b)).toBe(encodeTwinXml(a));
  });
});
