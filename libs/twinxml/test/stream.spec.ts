import { Readable } from 'node:stream';
import {
  decodeTwinXml,
  encodeTwinXml,
  streamTwinXml,
  TwinXmlError,
  TwinXmlErrorCode,
  type TwinRecordEvent,
} from '../src';
import { sampleDocument } from './sample-document';

async function collect(
  source: Parameters<typeof streamTwinXml>[0],
  limits?: Parameters<typeof streamTwinXml>[1],
): Promise<TwinRecordEvent[]> {
  const events: TwinRecordEvent[] = [];
  for await (const e of streamTwinXml(source, limits)) events.push(e);
  return events;
}

async function streamError(
  source: Parameters<typeof streamTwinXml>[0],
  limits?: Parameters<typeof streamTwinXml>[1],
): Promise<TwinXmlError> {
  try {
    await collect(source, limits);
  } catch (error) {
    if (error instanceof TwinXmlError) return error;
    throw error;
  }
  throw new Error('expected a TwinXmlError');
}

/** Splits into small chunks at arbitrary byte offsets (also inside multi-byte characters). */
function readable(xml: string, size: number): Readable {
  const bytes = Buffer.from(xml);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

describe('streamTwinXml', () => {
  const xml = encodeTwinXml(sampleDocument());

  it.each([1, 7, 64, 4096])('yields header, records and trailer in order from %i-byte chunks', async (size) => {
    const events = await collect(readable(xml, size));
    const doc = decodeTwinXml(xml);
    expect(events.map((e) => e.kind)).toEqual([
      'header',
      'category',
      'category',
      'manufacturer',
      'product',
      'product',
      'stock',
      'stock',
      'image',
      'image',
      'deletion',
      'deletion',
      'order',
      'orderStatus',
      'receipt',
      'receipt',
      'trailer',
    ]);
    expect(events[0].record).toEqual(doc.header);
    expect(events.filter((e) => e.kind === 'product').map((e) => e.record)).toEqual(doc.products);
    expect(events.filter((e) => e.kind === 'image').map((e) => e.record)).toEqual(doc.images);
    expect(events.filter((e) => e.kind === 'order').map((e) => e.record)).toEqual(doc.orders);
    expect(events[4].path).toBe('/TwinXML/Products/Product[1]');
  });

  it('reports a bad field with the same path as the whole-document decoder', async () => {
    const bad = xml.replace('<Price>199.0000</Price>', '<Price>19,90</Price>');
    const error = await streamError(bad);
    expect(error.code).toBe(TwinXmlErrorCode.Invalid);
    expect(error.issues).toEqual([{ path: '/TwinXML/Products/Product[2]/Price', message: 'not a decimal' }]);
    expect(() => decodeTwinXml(bad)).toThrow('/TwinXML/Products/Product[2]/Price: not a decimal');
  });

  it('checks the trailer counts at the end', async () => {
    const error = await streamError(xml.replace('<Products>2</Products>', '<Products>3</Products>'));
    expect(error.issues).toEqual([{ path: '/TwinXML/Trailer/Products', message: 'says 3, the document has 2' }]);
  });

  it('rejects a DOCTYPE, undefined entities, truncated input and oversized records', async () => {
    expect((await streamError(xml.replace('<TwinXML', '<!DOCTYPE TwinXML [<!ENTITY x "y">]><TwinXML'))).code).toBe(
      TwinXmlErrorCode.DoctypeForbidden,
    );
    expect((await streamError(xml.replace('Bergans', '&x;'))).code).toBe(TwinXmlErrorCode.Malformed);
    expect((await streamError(xml.slice(0, xml.length - 20))).code).toBe(TwinXmlErrorCode.Malformed);
    const big = await streamError(xml, { maxRecordBytes: 200 });
    expect(big.code).toBe(TwinXmlErrorCode.LimitExceeded);
    expect(big.issues[0].path).toBe('/TwinXML/Header');
    expect((await streamError(xml, { maxBytes: 1000 })).code).toBe(TwinXmlErrorCode.LimitExceeded);
  });

  it('rejects sections out of order and a missing header', async () => {
    const swapped = xml
      .replace(/<Manufacturers>[\s\S]*?<\/Manufacturers>\n/, '')
      .replace(
        '</Products>\n',
        '</Products>\n  <Manufacturers><Manufacturer><Key>M</Key><Name>M</Name><Published>true</Published></Manufacturer></Manufacturers>\n',
      );
    expect((await streamError(swapped)).issues[0]).toEqual({
      path: '/TwinXML/Manufacturers',
      message: 'out of order or repeated',
    });
    const headless = xml.replace(/<Header>[\s\S]*<\/Header>\n/, '');
    expect((await streamError(headless)).issues[0]).toEqual({ path: '/TwinXML/Header', message: 'missing' });
  });

  describe('memory stays bounded by maxRecordBytes', () => {
    const MiB = 1024 * 1024;
    const head = xml.slice(0, xml.indexOf('</Header>') + '</Header>'.length);

    /** `prefix`, then up to 1,000 chunks of 64 KiB (64 MB) of `fill`, then `suffix`; counts the chunks taken. */
    function endless(
      prefix: string,
      fill: string,
      suffix: string,
    ): { source: AsyncGenerator<string>; pulled: () => number } {
      let pulled = 0;
      const chunk = fill.repeat(64 * 1024);
      async function* source(): AsyncGenerator<string> {
        yield prefix;
        for (let i = 0; i < 1000; i++) {
          pulled++;
          yield chunk;
        }
        yield suffix;
      }
      return { source: source(), pulled: () => pulled };
    }

    it('fails a record whose one text node outgrows the limit while the text is still arriving', async () => {
      const input = endless(
        `${head}<Products><Product><Key>P1</Key><Name>`,
        'a',
        '</Name></Product></Products></TwinXML>',
      );
      const error = await streamError(input.source, { maxRecordBytes: MiB });
      expect(error.code).toBe(TwinXmlErrorCode.LimitExceeded);
      expect(error.issues[0]).toEqual({
        path: '/TwinXML/Products/Product[1]',
        message: `record larger than ${MiB} bytes`,
      });
      // 1 MiB is 16 chunks; the decoder stops right there instead of buffering all 64 MB.
      expect(input.pulled()).toBeLessThanOrEqual(18);
    });

    it('counts whitespace between sections and records too', async () => {
      const between = endless(head, ' ', '</TwinXML>');
      const error = await streamError(between.source, { maxRecordBytes: MiB });
      expect(error.code).toBe(TwinXmlErrorCode.LimitExceeded);
      expect(error.issues[0]).toEqual({ path: '/TwinXML', message: `more than ${MiB} bytes between elements` });
      expect(between.pulled()).toBeLessThanOrEqual(18);

      const inSection = endless(`${head}<Products>`, '\n', '</Products></TwinXML>');
      expect((await streamError(inSection.source, { maxRecordBytes: MiB })).issues[0].path).toBe('/TwinXML/Products');
      expect(inSection.pulled()).toBeLessThanOrEqual(18);
    });

    it('bounds a huge comment and a huge whitespace node arriving in one chunk as well', async () => {
      const comment = await streamError(`${head}<!--${'x'.repeat(2 * MiB)}-->`, { maxRecordBytes: MiB });
      expect(comment.code).toBe(TwinXmlErrorCode.LimitExceeded);
      const gap = await streamError(`${head}${' '.repeat(MiB + 1)}<Products></Products></TwinXML>`, {
        maxRecordBytes: MiB,
      });
      expect(gap.issues[0]).toEqual({ path: '/TwinXML', message: `more than ${MiB} bytes between elements` });
    });

    it('decides the same whether the document comes whole or in 3-byte chunks', async () => {
      // The largest record of the sample (an order) is about 2 KB.
      for (const source of [xml, readable(xml, 3)]) {
        expect((await collect(source, { maxRecordBytes: 2600 })).at(-1)?.kind).toBe('trailer');
      }
      expect((await streamError(xml, { maxRecordBytes: 1500 })).issues[0].path).toBe('/TwinXML/Products/Product[1]');
      expect((await streamError(readable(xml, 3), { maxRecordBytes: 1500 })).issues[0].path).toBe(
        '/TwinXML/Products/Product[1]',
      );
    });
  });
});
