import { inflateSync } from 'node:zlib';
import { crc32, huffmanCodes, makeJpeg, makePng, type Rgb } from './images';

function pngChunks(png: Uint8Array): { type: string; data: Buffer; crcOk: boolean }[] {
  const b = Buffer.from(png);
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const out: { type: string; data: Buffer; crcOk: boolean }[] = [];
  let p = 8;
  while (p < b.length) {
    const len = b.readUInt32BE(p);
    const type = b.toString('latin1', p + 4, p + 8);
    const data = b.subarray(p + 8, p + 8 + len);
    out.push({ type, data, crcOk: crc32(b.subarray(p + 4, p + 8 + len)) === b.readUInt32BE(p + 8 + len) });
    p += 12 + len;
  }
  return out;
}

/** A small reader of our baseline JPEGs: walks the segments, then decodes DC values with the file's own Huffman tables. */
function readJpeg(jpeg: Uint8Array): { width: number; height: number; blocks: number[][] } {
  const b = Buffer.from(jpeg);
  expect(b[0]).toBe(0xff);
  expect(b[1]).toBe(0xd8);
  expect(b[b.length - 2]).toBe(0xff);
  expect(b[b.length - 1]).toBe(0xd9);
  let p = 2;
  let width = 0;
  let height = 0;
  let components = 0;
  const tables = new Map<number, Map<string, number>>();
  for (;;) {
    expect(b[p]).toBe(0xff);
    const marker = b[p + 1];
    const len = b.readUInt16BE(p + 2);
    const seg = b.subarray(p + 4, p + 2 + len);
    if (marker === 0xc0) {
      height = seg.readUInt16BE(1);
      width = seg.readUInt16BE(3);
      components = seg[5];
    }
    if (marker === 0xc4) {
      const bits = [...seg.subarray(1, 17)];
      const values = [...seg.subarray(17, 17 + bits.reduce((s, n) => s + n, 0))];
      const byCode = new Map<string, number>();
      for (const [value, { code, length }] of huffmanCodes(bits, values))
        byCode.set(code.toString(2).padStart(length, '0'), value);
      tables.set(seg[0], byCode);
    }
    p += 2 + len;
    if (marker === 0xda) break;
  }
  // Entropy-coded data up to EOI, with stuffed zero bytes removed.
  const data: number[] = [];
  for (let i = p; i < b.length - 2; i++) {
    data.push(b[i]);
    if (b[i] === 0xff) {
      expect(b[i + 1]).toBe(0x00);
      i++;
    }
  }
  const bitString = data.map((x) => x.toString(2).padStart(8, '0')).join('');
  let q = 0;
  const decode = (table: Map<string, number>): number => {
    let code = '';
    while (q < bitString.length) {
      code += bitString[q++];
      const v = table.get(code);
      if (v !== undefined) return v;
    }
    throw new Error('ran out of bits');
  };
  const blocks: number[][] = [];
  const prev = new Array<number>(components).fill(0);
  for (let mcu = 0; mcu < (width / 8) * (height / 8); mcu++) {
    const block: number[] = [];
    for (let c = 0; c < components; c++) {
      const size = decode(tables.get(0x00)!);
      let diff = 0;
      if (size > 0) {
        const raw = parseInt(bitString.slice(q, q + size), 2);
        q += size;
        diff = raw >= 1 << (size - 1) ? raw : raw - (1 << size) + 1;
      }
      prev[c] += diff;
      block.push(prev[c]);
      expect(decode(tables.get(0x10)!)).toBe(0x00); // EOB: no AC coefficients
    }
    blocks.push(block);
  }
  expect(bitString.slice(q)).toMatch(/^1*$/); // only padding left
  return { width, height, blocks };
}

describe('generated images', () => {
  it('makes a PNG whose chunks, CRCs and pixel rows are right', () => {
    const png = makePng([200, 30, 40], 16);
    const chunks = pngChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    const ihdr = chunks[0].data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([16, 16, 8, 2]);
    const raw = inflateSync(chunks[1].data);
    expect(raw.length).toBe(16 * (1 + 16 * 3));
    expect([raw[0], raw[1 + 3], raw[2 + 3], raw[3 + 3]]).toEqual([0, 200, 30, 40]); // filter 0, pixel (1,0)
  });

  it.each<[Rgb]>([[[0, 0, 0]], [[255, 255, 255]], [[178, 34, 34]], [[31, 42, 68]]])(
    'makes a baseline JPEG that decodes back to %j',
    (rgb) => {
      const { width, height, blocks } = readJpeg(makeJpeg(rgb, 16));
      expect([width, height]).toEqual([16, 16]);
      expect(blocks).toHaveLength(4);
      for (const [y, cb, cr] of blocks) {
        // DC = 8 × (level − 128); back to RGB (JFIF).
        const [Y, Cb, Cr] = [y / 8 + 128, cb / 8 + 128 - 128, cr / 8 + 128 - 128];
        const back = [Y + 1.402 * Cr, Y - 0.344136 * Cb - 0.714136 * Cr, Y + 1.772 * Cb];
        back.forEach((v, i) => expect(Math.abs(Math.max(0, Math.min(255, v)) - rgb[i])).toBeLessThanOrEqual(2));
      }
    },
  );
});
