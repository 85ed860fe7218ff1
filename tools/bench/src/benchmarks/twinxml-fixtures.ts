import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Decimal } from 'decimal.js';
import {
  emptyDocument,
  encodeTwinXml,
  TwinAvailability,
  TwinBatchMode,
  type TwinDocument,
  type TwinHeader,
  type TwinProduct,
} from '@pcknop/twinxml';

// Synthetic catalogue for the TwinXML benchmark: realistic products (two variants, offer,
// descriptions with markup) so text escaping and decimals are exercised.

const header = (): TwinHeader => ({
  schemaVersion: '1.0',
  sourceSystem: 'pckasse',
  tenant: 'bench',
  batchId: 'bench-1',
  sequence: 1,
  createdAt: new Date('2025-03-01T10:00:00Z'),
  mode: TwinBatchMode.Full,
  currency: 'NOK',
});

export function benchProduct(i: number): TwinProduct {
  const price = new Decimal(100 + (i % 900)).plus(new Decimal(i % 100).div(100));
  return {
    key: String(100000 + i),
    sku: `SKU-${i}`,
    gtins: [String(7000000000000 + i)],
    name: `Produkt ${i} – «kvalitet» & komfort`,
    shortDescription: 'Kort beskrivelse av produktet',
    longDescription: `<p>Lang beskrivelse av produkt ${i}, med <b>HTML</b> & spesialtegn: æøå.</p>`,
    vatRate: new Decimal(25),
    price,
    cost: price.mul('0.4567').toDecimalPlaces(4),
    offer: {
      price: price.mul('0.8').toDecimalPlaces(2),
      from: new Date('2025-03-01T00:00:00Z'),
      to: new Date('2025-03-31T00:00:00Z'),
    },
    weight: new Decimal('0.75'),
    published: true,
    hideWhenOutOfStock: i % 3 === 0,
    categoryKeys: [`G${i % 50}`],
    manufacturerKeys: [`M${i % 20}`],
    variants: ['S', 'M'].map((size, v) => ({
      key: `${100000 + i}-${size}`,
      sku: `SKU-${i}-${size}`,
      gtins: [String(7100000000000 + i * 2 + v)],
      colour: { code: 'BLK', name: 'Svart' },
      size: { code: size, name: size },
      stock: new Decimal((i + v) % 17),
      availability: TwinAvailability.InStock,
      discontinued: false,
    })),
  };
}

export function benchDocument(products: number): TwinDocument {
  const doc = emptyDocument(header());
  for (let i = 0; i < products; i++) doc.products.push(benchProduct(i));
  return doc;
}

/**
 * Writes a document of `products` products to `file` by streaming writes: encoded in slices of
 * 1,000 products whose `<Product>` elements are spliced between one header and one trailer, so
 * the whole document is never in memory.
 */
export async function writeBenchDocument(file: string, products: number): Promise<number> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const slice = 1000;
  let bytes = 0;
  for (let start = 0; start < products; start += slice) {
    const doc = emptyDocument(header());
    for (let i = start; i < Math.min(products, start + slice); i++) doc.products.push(benchProduct(i));
    const xml = encodeTwinXml(doc);
    const open = xml.indexOf('<Products>') + '<Products>'.length;
    const close = xml.indexOf('  </Products>');
    if (start === 0) {
      await write(xml.slice(0, open));
      bytes += open;
    }
    await write(xml.slice(open, close));
    bytes += close - open;
  }
  const tail =
    `  </Products>\n  <Trailer>\n    <Categories>0</Categories>\n    <Manufacturers>0</Manufacturers>\n` +
    `    <Products>${products}</Products>\n    <Variants>${products * 2}</Variants>\n    <StockLevels>0</StockLevels>\n` +
    `    <Images>0</Images>\n    <Deletions>0</Deletions>\n    <Orders>0</Orders>\n    <OrderStatusUpdates>0</OrderStatusUpdates>\n` +
    `    <Receipts>0</Receipts>\n    <Total>${products}</Total>\n  </Trailer>\n</TwinXML>\n`;
  await write(tail);
  out.end();
  await once(out, 'finish');
  return bytes + tail.length;
}
