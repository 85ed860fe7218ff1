import type { ComplexSpec } from './specs';

type Reader = (obj: Record<string, unknown>) => unknown[];
type Writer = (values: readonly unknown[]) => Record<string, unknown>;

const readers = new WeakMap<ComplexSpec, Reader>();
const writers = new WeakMap<ComplexSpec, Writer>();

const literal = (prop: string) => JSON.stringify(prop);

/*
 * The schema walkers (validate, to/from JSON) run for every record the gateway stages. Written as generic loops,
 * `obj[field.prop]` sees every record type's objects at one site and goes megamorphic (V8's slowest property
 * access). These functions are generated once per complex type, with one named property access per field, so each
 * site only sees one type. Property names come from the schema, never from input.
 */

/** The values of `obj`'s fields, in the spec's field order. */
export function readFields(spec: ComplexSpec, obj: Record<string, unknown>): unknown[] {
  let read = readers.get(spec);
  if (!read) {
    read = new Function('o', `return [${spec.fields.map((f) => `o[${literal(f.prop)}]`).join(', ')}];`) as Reader;
    readers.set(spec, read);
  }
  return read(obj);
}

/** A new object with the spec's fields set from `values` (spec order); undefined values are left out. */
export function writeFields(spec: ComplexSpec, values: readonly unknown[]): Record<string, unknown> {
  let write = writers.get(spec);
  if (!write) {
    const stores = spec.fields.map((f, i) => `if (v[${i}] !== undefined) o[${literal(f.prop)}] = v[${i}];`);
    write = new Function('v', `const o = {}; ${stores.join(' ')} return o;`) as Writer;
    writers.set(spec, write);
  }
  return write(values);
}
