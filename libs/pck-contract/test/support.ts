import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { OPERATIONS } from '../src/lib/schema/contract-operations';
import { complexTypeOf, type FieldDef, type TypeDef } from '../src/lib/schema/schema-builder';
import type { OperationName, RequestOf, ResponseOf } from '../src';

/** Plain, comparable form: Decimal -> "D:1.5", Date -> ISO, bytes -> base64, no undefined, no prototypes. */
export function normalize(v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  if (Decimal.isDecimal(v)) return `D:${v.toFixed()}`;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return `B:${Buffer.from(v).toString('base64')}`;
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const n = normalize(x);
      if (n !== undefined) out[k] = n;
    }
    return out;
  }
  return v;
}

function hash(s: string): number {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) % 100_000;
  return h;
}

/** A deterministic value for every field (arrays get two items), for golden fixtures. */
function sampleField(def: FieldDef, name: string, seed: number): unknown {
  const h = hash(name) + seed;
  switch (def.kind) {
    case 'int':
      return h;
    case 'long':
      return 1_726_470_000_000 + h;
    case 'decimal':
      return new Decimal(`${h}.${(h % 90) + 10}`);
    case 'string':
      return `${name} ${seed} æøå <&>`;
    case 'boolean':
      return h % 2 === 0;
    case 'dateTime':
      return new Date(Date.UTC(2024, 8, 16, 10, h % 60, 0));
    case 'base64':
      return new Uint8Array([0x89, 0x50, 0x4e, 0x47, h % 256]);
    case 'complex':
      return sampleOf(complexTypeOf(def), seed);
  }
}

export function sampleOf(type: TypeDef<unknown>, seed = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of type.fields) {
    out[f.key] = f.def.array
      ? [1, 2].map((i) => sampleField(f.def, f.key, seed * 10 + i))
      : sampleField(f.def, f.key, seed);
  }
  return out;
}

export function sampleRequest<O extends OperationName>(op: O): RequestOf<O> {
  return sampleOf(OPERATIONS[op].request) as unknown as RequestOf<O>;
}

export function sampleResponse<O extends OperationName>(op: O): ResponseOf<O> {
  return sampleField(OPERATIONS[op].result, 'return', 0) as ResponseOf<O>;
}

// XML 1.0 characters only (the serializer drops the rest by design); CR included on purpose.
const xmlChar = fc.oneof(
  fc.constantFrom('a', 'Z', ' ', 'æ', 'ø', 'å', '<', '>', '&', '"', "'", '\n', '\r', '\t', '€', '😀'),
  fc.integer({ min: 0x20, max: 0xd7ff }).map((c) => String.fromCharCode(c)),
);
const xmlString = fc.array(xmlChar, { maxLength: 12 }).map((a) => a.join(''));

function fieldArb(def: FieldDef): fc.Arbitrary<unknown> {
  switch (def.kind) {
    case 'int':
      return fc.integer();
    case 'long':
      return fc.maxSafeInteger();
    case 'decimal':
      return fc
        .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 8 }))
        .map(([n, scale]) => new Decimal(n.toString()).dividedBy(new Decimal(10).pow(scale)));
    case 'string':
      return xmlString;
    case 'boolean':
      return fc.boolean();
    case 'dateTime':
      return fc.date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      });
    case 'base64':
      return fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a));
    case 'complex':
      return arbitraryOf(complexTypeOf(def));
  }
}

/** Random values of a contract type: required fields always present, optionals sometimes. */
export function arbitraryOf(type: TypeDef<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const parts: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of type.fields) {
    const one = fieldArb(f.def);
    parts[f.key] = f.def.array
      ? fc.array(one, { maxLength: 2 })
      : f.def.required
        ? one
        : fc.option(one, { nil: undefined });
  }
  return fc.record(parts);
}
