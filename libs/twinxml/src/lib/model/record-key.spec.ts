import { Decimal } from 'decimal.js';
import { TwinDeletionTarget } from './deletion';
import { countRecords, emptyDocument } from './document';
import { TwinBatchMode } from './header';
import { TwinImageOwner } from './image';
import { TwinRecordKind } from './record-kind';
import { recordKey } from './record-key';

describe('recordKey', () => {
  it('uses the source key where a record has one', () => {
    expect(recordKey(TwinRecordKind.Category, { key: 'G1', level: 1, name: 'A', sortOrder: 0, published: true })).toBe(
      'G1',
    );
  });

  it('builds composite keys that cannot collide across parts', () => {
    const asOf = new Date('2025-01-01T00:00:00Z');
    const a = recordKey(TwinRecordKind.Stock, { productKey: 'a|b', warehouse: 'w', onHand: new Decimal(1), asOf });
    const b = recordKey(TwinRecordKind.Stock, {
      productKey: 'a',
      variantKey: 'b',
      warehouse: 'w',
      onHand: new Decimal(1),
      asOf,
    });
    expect(a).not.toBe(b);
    expect(a).toBe('a%7Cb||w');
    expect(
      recordKey(TwinRecordKind.Image, {
        ownerKind: TwinImageOwner.Product,
        ownerKey: 'P1',
        colour: 'RED',
        position: 2,
        contentHash: 'sha256:' + '0'.repeat(64),
        mimeType: 'image/jpeg',
        uri: 'x:y',
      }),
    ).toBe('product|P1|RED|2');
    expect(
      recordKey(TwinRecordKind.Deletion, {
        target: TwinDeletionTarget.Variant,
        key: 'V1',
        parentKey: 'P1',
        deletedAt: asOf,
      }),
    ).toBe('variant|P1|V1');
  });

  it('counts records per section', () => {
    const doc = emptyDocument({
      schemaVersion: '1.0',
      sourceSystem: 'pckasse',
      tenant: 't',
      batchId: 'b',
      sequence: 1,
      createdAt: new Date(0),
      mode: TwinBatchMode.Delta,
      currency: 'NOK',
    });
    doc.manufacturers.push({ key: 'M', name: 'M', published: true });
    expect(countRecords(doc)).toMatchObject({ manufacturers: 1, products: 0, variants: 0, total: 1 });
  });
});
