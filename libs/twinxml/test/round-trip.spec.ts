import fc from 'fast-check';
import { decodeTwinXml, encodeTwinXml, streamTwinXml, validateTwinDocument, type TwinRecordEvent } from '../src';
import { twinDocument } from './arbitraries';

describe('round trip (property)', () => {
  it('generated documents are valid', () => {
    fc.assert(
      fc.property(twinDocument, (doc) => expect(validateTwinDocument(doc)).toEqual([])),
      { numRuns: 200 },
    );
  });

  it('decode(encode(x)) equals x, and encoding is canonical', () => {
    fc.assert(
      fc.property(twinDocument, (doc) => {
        const xml = encodeTwinXml(doc);
        const back = decodeTwinXml(xml);
        expect(back).toEqual(doc);
        expect(encodeTwinXml(back)).toBe(xml);
      }),
      { numRuns: 300 },
    );
  });

  it('the streaming decoder yields the same records as the whole-document decoder', async () => {
    await fc.assert(
      fc.asyncProperty(twinDocument, fc.integer({ min: 1, max: 97 }), async (doc, chunk) => {
        const bytes = Buffer.from(encodeTwinXml(doc));
        const parts: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
        const events: TwinRecordEvent[] = [];
        for await (const e of streamTwinXml(parts)) events.push(e);
        expect(events.filter((e) => e.kind === 'product').map((e) => e.record)).toEqual(doc.products);
        expect(events.filter((e) => e.kind === 'order').map((e) => e.record)).toEqual(doc.orders);
        expect(events.filter((e) => e.kind === 'receipt').map((e) => e.record)).toEqual(doc.receipts);
        expect(events.length).toBe(
          2 +
            doc.categories.length +
            doc.manufacturers.length +
            doc.products.length +
            doc.stockLevels.length +
            doc.images.length +
            doc.deletions.length +
            doc.orders.length +
            doc.orderStatusUpdates.length +
            doc.receipts.length,
        );
      }),
      { numRuns: 100 },
    );
  });
});
