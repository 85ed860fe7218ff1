import type { Decimal } from 'decimal.js';

/*
 * A small typed description of the contract's XSD. It is the single source for the WSDL, the
 * decoder, the validator and the serializer; `defineType<T>` makes the compiler check it against
 * the hand-written interfaces in ../model (same keys, same optionality, compatible kinds).
 */

export type ScalarKind = 'int' | 'long' | 'decimal' | 'string' | 'boolean' | 'dateTime' | 'base64';
export type FieldKind = ScalarKind | 'complex';

export interface FieldDef {
  readonly kind: FieldKind;
  /** minOccurs=1 in the WSDL; required on input (validation) and always emitted on output. */
  readonly required: boolean;
  /** Repeated element without wrapper (maxOccurs=unbounded); decoded as an array, never absent. */
  readonly array: boolean;
  /** Extra element names accepted on input (spelling variants). */
  readonly aliases: readonly string[];
  /** Element name on the wire when it differs from the model key. */
  readonly wire?: string;
  /** For kind 'complex'. A thunk, because types refer to each other. */
  readonly type?: () => TypeDef<unknown>;
}

export interface FieldEntry {
  readonly key: string;
  readonly wire: string;
  readonly def: FieldDef;
}

export interface TypeDef<T> {
  /** XSD complexType name. */
  readonly name: string;
  /** Fields in wire (sequence) order. */
  readonly fields: readonly FieldEntry[];
  /** Phantom, for typing only. */
  readonly __type?: T;
}

interface Extra {
  aliases?: readonly string[];
  wire?: string;
}

type KindFor<V> = [V] extends [Decimal]
  ? 'decimal'
  : [V] extends [number]
    ? 'int' | 'long'
    : [V] extends [string]
      ? 'string'
      : [V] extends [boolean]
        ? 'boolean'
        : [V] extends [Date]
          ? 'dateTime'
          : [V] extends [Uint8Array]
            ? 'base64'
            : 'complex';

type SpecFor<V, R extends boolean> =
  NonNullable<V> extends readonly (infer E)[]
    ? FieldDef & { array: true; kind: KindFor<E> }
    : FieldDef & { array: false; required: R; kind: KindFor<NonNullable<V>> };

export type FieldsOf<T> = { [K in keyof T]-?: SpecFor<T[K], undefined extends T[K] ? false : true> };

function field<K extends FieldKind, R extends boolean, A extends boolean>(
  kind: K,
  required: R,
  array: A,
  extra: Extra = {},
  type?: () => TypeDef<unknown>,
) {
  return { kind, required, array, aliases: extra.aliases ?? [], wire: extra.wire, type };
}

function scalarSet<R extends boolean, A extends boolean>(required: R, array: A) {
  return {
    int: (e?: Extra) => field('int', required, array, e),
    long: (e?: Extra) => field('long', required, array, e),
    decimal: (e?: Extra) => field('decimal', required, array, e),
    string: (e?: Extra) => field('string', required, array, e),
    boolean: (e?: Extra) => field('boolean', required, array, e),
    dateTime: (e?: Extra) => field('dateTime', required, array, e),
    base64: (e?: Extra) => field('base64', required, array, e),
    complex: <T>(type: () => TypeDef<T>, e?: Extra) => field('complex', required, array, e, type),
  };
}

/** Required (minOccurs=1) single element. */
export const req = scalarSet(true, false);
/** Optional (minOccurs=0) single element. */
export const opt = scalarSet(false, false);
/** Repeated element (minOccurs=0, maxOccurs=unbounded). */
export const many = scalarSet(false, true);

function entries(fields: Record<string, FieldDef>): FieldEntry[] {
  return Object.entries(fields).map(([key, def]) => ({ key, wire: def.wire ?? key, def }));
}

/**
 * A class of the contract. Children are put in the order JAXB uses on the wire: sorted by element
 * name with Java's String.compareTo (UTF-16 code units, the same as JS's default sort).
 */
export function defineType<T>(name: string, fields: FieldsOf<T>): TypeDef<T> {
  const list = entries(fields as Record<string, FieldDef>);
  list.sort((a, b) => (a.wire < b.wire ? -1 : a.wire > b.wire ? 1 : 0));
  return { name, fields: list };
}

/** An operation wrapper: parameters stay in the order given (the method signature's order). */
export function defineWrapper<T>(name: string, fields: FieldsOf<T>): TypeDef<T> {
  return { name, fields: entries(fields as Record<string, FieldDef>) };
}

/** The complexType of a 'complex' field. */
export function complexTypeOf(def: FieldDef): TypeDef<unknown> {
  if (!def.type) throw new Error(`field of kind ${def.kind} has no complex type`);
  return def.type();
}
