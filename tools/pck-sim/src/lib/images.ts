import { deflateSync } from 'node:zlib';
import { must } from './must';

/*
 * Tiny, valid product images made in code, so the simulator needs no image files: a PNG (RGB,
 * zlib-compressed rows) and a baseline JPEG (one flat colour; a flat 8×8 block only has a DC
 * coefficient, so the entropy coding is a handful of bits per block).
 */

export type Rgb = readonly [number, number, number];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A `size`×`size` RGB PNG: the colour with a lighter diagonal stripe (so it is not a blank square). */
export function makePng(color: Rgb, size = 16): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const stripe = x === y;
      for (let c = 0; c < 3; c++) raw[row + 1 + x * 3 + c] = stripe ? Math.min(255, color[c] + 96) : color[c];
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(
    Buffer.concat([
      signature,
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', deflateSync(raw)),
      pngChunk('IEND', new Uint8Array(0)),
    ]),
  );
}

// Standard DC luminance table (ITU T.81 K.3) and a one-symbol AC table holding only EOB.
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALUES = [0x00];

/** Canonical Huffman codes (T.81 Annex C) for a DHT's BITS/HUFFVAL. */
export function huffmanCodes(
  bits: readonly number[],
  values: readonly number[],
): Map<number, { code: number; length: number }> {
  const out = new Map<number, { code: number; length: number }>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < bits[length - 1]; i++) out.set(values[k++], { code: code++, length });
    code <<= 1;
  }
  return out;
}

class BitWriter {
  private readonly bytes: number[] = [];
  private acc = 0;
  private n = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >>> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00); // byte stuffing
    this.acc = 0;
    this.n = 0;
  }

  finish(): number[] {
    while (this.n !== 0) this.write(1, 1); // pad with 1 bits
    return this.bytes;
  }
}

function segment(marker: number, payload: number[]): number[] {
  const len = payload.length + 2;
  return [0xff, marker, len >> 8, len & 0xff, ...payload];
}

const clampByte = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));

/** A flat-colour baseline JPEG, `size` a multiple of 8 (YCbCr 4:4:4, quantisation 1). */
export function makeJpeg(color: Rgb, size = 16): Uint8Array {
  if (size % 8 !== 0 || size <= 0) throw new RangeError('JPEG size must be a positive multiple of 8');
  const [r, g, b] = color;
  const ycc = [
    clampByte(0.299 * r + 0.587 * g + 0.114 * b),
    clampByte(128 - 0.168736 * r - 0.331264 * g + 0.5 * b),
    clampByte(128 + 0.5 * r - 0.418688 * g - 0.081312 * b),
  ];
  const dc = huffmanCodes(DC_BITS, DC_VALUES);
  const eob = must(huffmanCodes(AC_BITS, AC_VALUES).get(0x00), 'EOB code');
  const bits = new BitWriter();
  const previous = [0, 0, 0];
  const blocks = (size / 8) ** 2;
  for (let mcu = 0; mcu < blocks; mcu++) {
    for (let c = 0; c < 3; c++) {
      // A flat block's only coefficient: F(0,0) = 8 × (level − 128).
      const coefficient = 8 * (ycc[c] - 128);
      const diff = coefficient - previous[c];
      previous[c] = coefficient;
      const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      const code = must(dc.get(category), `DC category ${category}`);
      bits.write(code.code, code.length);
      if (category > 0) bits.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
      bits.write(eob.code, eob.length);
    }
  }
  const bytes = [
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, size >> 8, size & 0xff, size >> 8, size & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
    ...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES]),
    ...segment(0xc4, [0x10, ...AC_BITS, ...AC_VALUES]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
    ...bits.finish(),
    0xff,
    0xd9,
  ];
  return new Uint8Array(bytes);
}

/** `#rrggbb` → RGB. */
export function hexToRgb(hex: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new RangeError(`not a colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}
