import fc from 'fast-check';
import { OWNABLE_KINDS, type EntityChange, type OwnableKind } from '@pcknop/staging-store';
import { ownableKindOf, SourceOwnership } from './source-ownership';

const ENTITY_KINDS = [
  'category',
  'manufacturer',
  'product',
  'variant',
  'stock',
  'image',
  'pck-discount',
  'pck-customer',
];

const change = fc.record({
  kind: fc.constantFrom(...ENTITY_KINDS),
  key: fc.string({ minLength: 1, maxLength: 8 }),
  pckTimestamp: fc.bigInt({ min: 0n, max: 1n << 50n }),
  record: fc.constant({}),
}) as fc.Arbitrary<EntityChange>;

describe('SourceOwnership', () => {
  it('maps entity kinds to the kind a source owns (a variant belongs to its product; PCK-only kinds to none)', () => {
    expect(ownableKindOf('variant')).toBe('product');
    expect(ownableKindOf('stock')).toBe('stock');
    expect(ownableKindOf('pck-discount')).toBeUndefined();
    for (const k of OWNABLE_KINDS) expect(ownableKindOf(k)).toBe(k);
  });

  it("keeps exactly PCK's changes of kinds no source owns, in order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray([...OWNABLE_KINDS]), fc.array(change, { maxLength: 30 }), async (owned, changes) => {
        const ownership = new SourceOwnership({ ownedKinds: async () => new Set<OwnableKind>(owned) });
        const kept = await ownership.pckChanges('t', changes);
        const expected = changes.filter((c) => {
          const k = ownableKindOf(c.kind);
          return k === undefined || !owned.includes(k);
        });
        expect(kept).toEqual(expected);
      }),
    );
  });

  it('reads ownership once per time-to-live and again after invalidate', async () => {
    let reads = 0;
    let owned = new Set<OwnableKind>();
    const ownership = new SourceOwnership({ ownedKinds: async () => (reads++, owned) }, 60_000);
    const stock: EntityChange = { kind: 'stock', key: 'a:1||total', pckTimestamp: 1n, record: {} };
    expect(await ownership.pckChanges('t', [stock])).toEqual([stock]);
    owned = new Set(['stock']);
    expect(await ownership.pckChanges('t', [stock])).toEqual([stock]); // cached
    expect(reads).toBe(1);
    ownership.invalidate('t');
    expect(await ownership.pckChanges('t', [stock])).toEqual([]);
    expect(reads).toBe(2);
  });
});
