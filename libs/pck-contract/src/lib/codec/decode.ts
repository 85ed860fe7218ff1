import { complexTypeOf, type FieldDef, type TypeDef } from '../schema/schema-builder';
import { dtoClassFor } from './validation';
import type { XNode } from './xml-reader';
import { parseScalar, WrongShape } from './xsd-values';

/*
 * Tolerant reading: children are matched by local name in any namespace and any order, every
 * element is optional, unknown elements are ignored (newer PCK versions add fields), xsi:nil and
 * empty non-string scalars count as absent. Values that cannot be read become WrongShape and are
 * reported by the validator.
 */

interface FieldPlan {
  readonly key: string;
  /** Wire name first, then the accepted spelling variants. */
  readonly names: readonly string[];
  readonly def: FieldDef;
}

type ByName = ReadonlyMap<string, XNode[]>;
/** A field's value from the element's children: always an array for repeated fields, undefined when absent. */
type FieldDecoder = (byName: ByName, tz: string) => unknown;
type TypeDecoder = (byName: ByName, tz: string) => object;

// Per type, computed once. The object is built by generated code with one named property store per field
// (`o["articleId"] = v`): each store site then sees one type only, where a generic `obj[key] = v` loop over all
// types goes megamorphic. Keys come from the contract's schema, never from input.
const decoders = new WeakMap<TypeDef<unknown>, TypeDecoder>();
function decoderFor(type: TypeDef<unknown>): TypeDecoder {
  let decoder = decoders.get(type);
  if (!decoder) {
    const plans: FieldPlan[] = type.fields.map((f) => ({ key: f.key, names: [f.wire, ...f.def.aliases], def: f.def }));
    const fields = plans.map(fieldDecoder);
    const stores = plans.map((f, i) => `v = fields[${i}](byName, tz); if (v !== undefined) o[${JSON.stringify(f.key)}] = v;`);
    const body = `return function decode(byName, tz) { const o = new Dto(); let v; ${stores.join(' ')} return o; };`;
    decoder = new Function('Dto', 'fields', body)(dtoClassFor(type), fields) as TypeDecoder;
    decoders.set(type, decoder);
  }
  return decoder;
}

function isBlank(s: string): boolean {
  return s.length === 0 || s.trim() === '';
}

function decodeValue(node: XNode, def: FieldDef, tz: string): unknown {
  if (def.kind === 'complex') return decodeComplex(node, complexTypeOf(def), tz);
  if (node.children.length > 0) return new WrongShape(`<${node.children[0].local}>`);
  if (def.kind !== 'string' && def.kind !== 'base64' && isBlank(node.text)) return undefined;
  return parseScalar(def.kind, node.text, tz);
}

function nodesFor(byName: ByName, names: readonly string[]): readonly XNode[] | undefined {
  if (names.length === 1) return byName.get(names[0]);
  let out: XNode[] | undefined;
  for (const n of names) {
    const found = byName.get(n);
    if (found) out = out ? out.concat(found) : found;
  }
  return out;
}

function fieldDecoder(f: FieldPlan): FieldDecoder {
  if (f.def.array) {
    return (byName, tz) => {
      const values: unknown[] = [];
      const nodes = nodesFor(byName, f.names);
      if (nodes) {
        for (const n of nodes) {
          if (n.nil) continue;
          const v = decodeValue(n, f.def, tz);
          if (v !== undefined) values.push(v);
        }
      }
      return values;
    };
  }
  return (byName, tz) => {
    const n = nodesFor(byName, f.names)?.[0];
    return n && !n.nil ? decodeValue(n, f.def, tz) : undefined;
  };
}

export function decodeComplex(node: XNode, type: TypeDef<unknown>, tz: string): object {
  if (node.children.length === 0 && !isBlank(node.text)) return new WrongShape(node.text.trim().slice(0, 40));
  const byName = new Map<string, XNode[]>();
  for (const c of node.children) {
    const list = byName.get(c.local);
    if (list) list.push(c);
    else byName.set(c.local, [c]);
  }
  return decoderFor(type)(byName, tz);
}
