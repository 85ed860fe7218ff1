import fc from 'fast-check';
import type {
  DocumentStaging,
  EntityChange,
  OwnableKind,
  Repositories,
  TwinxmlSourceRecord,
} from '@pcknop/staging-store';
import { ingestDocument, type DocumentBody } from './ingest-document';
import { TwinXmlIngestError } from './twinxml-ingest.exception';

type Rec = { kind: 'product' | 'stock'; key: string; qty: number };

function xml(batchId: string, records: Rec[]): string {
  const products = records.filter((r) => r.kind === 'product');
  const stock = records.filter((r) => r.kind === 'stock');
  const p = products
    .map(
      (r) =>
        `<Product><Key>${r.key}</Key><Sku>S-${r.key}</Sku><Name>N ${r.key}</Name><VatRate>25.00</VatRate><Price>10.0000</Price><Published>true</Published><HideWhenOutOfStock>false</HideWhenOutOfStock></Product>`,
    )
    .join('');
  const s = stock
    .map(
      (r) =>
        `<StockLevel><ProductKey>${r.key}</ProductKey><Warehouse>total</Warehouse><OnHand>${r.qty}</OnHand><AsOf>2026-12-01T10:00:00.000Z</AsOf></StockLevel>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><TwinXML xmlns="urn:pcknop:twinxml:1"><Header><SchemaVersion>1.0</SchemaVersion><SourceSystem>x</SourceSystem><Tenant>t</Tenant>` +
    `<BatchId>${batchId}</BatchId><Sequence>1</Sequence><CreatedAt>2026-12-01T10:00:00.000Z</CreatedAt><Mode>delta</Mode><Currency>NOK</Currency></Header>` +
    (p ? `<Products>${p}</Products>` : '') +
    (s ? `<StockLevels>${s}</StockLevels>` : '') +
    `<Trailer><Categories>0</Categories><Manufacturers>0</Manufacturers><Products>${products.length}</Products><Variants>0</Variants><StockLevels>${stock.length}</StockLevels>` +
    `<Images>0</Images><Deletions>0</Deletions><Orders>0</Orders><OrderStatusUpdates>0</OrderStatusUpdates><Receipts>0</Receipts><Total>${records.length}</Total></Trailer></TwinXML>`
  );
}

/** The body in small pieces, as a network delivers it. */
function body(text: string, piece: number): DocumentBody {
  const bytes = Buffer.from(text);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += piece) chunks.push(bytes.subarray(i, i + piece));
  return {
    async *[Symbol.asyncIterator]() {
      yield* chunks;
    },
    drain: async () => undefined,
  };
}

/** An in-memory stand-in for the store: records what was staged per statement, and whether it was committed. */
function fakeStore() {
  const statements: EntityChange[][] = [];
  let committed = false;
  let rolledBack = false;
  const staging = {
    stage: async (_t: string, changes: readonly EntityChange[]) => {
      statements.push([...changes]);
      return changes.map((c) => ({ kind: c.kind, key: c.key, outcome: 'created' as const }));
    },
    commit: async () => {
      committed = true;
    },
    rollback: async () => {
      rolledBack = true;
    },
  };
  const repos = {
    twinxmlSources: {
      beginDocument: async () => ({ begun: true as const }),
      beginStaging: async () => staging as unknown as DocumentStaging,
      finishDocument: async () => undefined,
    },
  } as unknown as Pick<Repositories, 'twinxmlSources'>;
  return { repos, statements, state: () => ({ committed, rolledBack }) };
}

const source = (owns: OwnableKind[]): TwinxmlSourceRecord => ({
  id: 's',
  tenantId: 't',
  name: 'src',
  owns,
  active: true,
  createdAt: new Date(),
});

describe('ingestDocument', () => {
  it('stages exactly the records of owned kinds, refuses the others with their paths, in chunks with no entity twice', async () => {
    const rec = fc.record({
      kind: fc.constantFrom('product' as const, 'stock' as const),
      key: fc.stringMatching(/^[a-z0-9]{1,4}$/),
      qty: fc.integer({ min: -5, max: 500 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(rec, { maxLength: 1200 }),
        fc.subarray(['product', 'stock'] as OwnableKind[]),
        fc.integer({ min: 7, max: 5000 }),
        async (records, owns, piece) => {
          const store = fakeStore();
          const answer = await ingestDocument({ repos: store.repos }, source(owns), body(xml('b', records), piece));
          // The document holds products first, then stock levels (schema order).
          const ownedRecords = [
            ...records.filter((r) => r.kind === 'product'),
            ...records.filter((r) => r.kind === 'stock'),
          ].filter((r) => owns.includes(r.kind));
          expect(answer.accepted).toBe(ownedRecords.length);
          expect(answer.refused).toBe(records.length - ownedRecords.length);
          expect(store.state()).toEqual({ committed: true, rolledBack: false });
          const staged = store.statements.flat();
          expect(staged.map((c) => `${c.kind}:${c.key}`)).toEqual(
            ownedRecords.map((r) => (r.kind === 'stock' ? `stock:${r.key}||total` : `product:${r.key}`)),
          );
          for (const st of store.statements) {
            expect(st.length).toBeLessThanOrEqual(500);
            expect(new Set(st.map((c) => `${c.kind}\u0000${c.key}`)).size).toBe(st.length);
          }
          // Refused records name where they are: products come first in the document, then stock levels.
          const products = records.filter((r) => r.kind === 'product');
          const expectedPaths = [
            ...(owns.includes('product') ? [] : products.map((_, i) => `/TwinXML/Products/Product[${i + 1}]`)),
            ...(owns.includes('stock')
              ? []
              : records.filter((r) => r.kind === 'stock').map((_, i) => `/TwinXML/StockLevels/StockLevel[${i + 1}]`)),
          ].slice(0, 1000);
          expect(answer.refusedRecords.map((r) => r.path)).toEqual(expectedPaths);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rolls back everything staged when a later record is invalid', async () => {
    const store = fakeStore();
    const records: Rec[] = Array.from({ length: 700 }, (_, i) => ({ kind: 'stock', key: `k${i}`, qty: i }));
    const text = xml('b', records).replace('<OnHand>650</OnHand>', '<OnHand>x</OnHand>');
    await expect(ingestDocument({ repos: store.repos }, source(['stock']), body(text, 4096))).rejects.toBeInstanceOf(
      TwinXmlIngestError,
    );
    expect(store.statements.flat().length).toBe(500); // the first chunk went into the transaction…
    expect(store.state()).toEqual({ committed: false, rolledBack: true }); // …which was rolled back
  });
});
