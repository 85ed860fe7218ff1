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

function decodeValue(node: XNode, def: FieldDef, tz: string): unknown {
  if (def.kind === 'complex') return decodeComplex(node, complexTypeOf(def), tz);
  if (node.children.length > 0) return new WrongShape(`<${node.children[0].local}>`);
  if (def.kind !== 'string' && def.kind !== 'base64' && node.text.trim() === '') return undefined;
  return parseScalar(def.kind, node.text, tz);
}

export function decodeComplex(node: XNode, type: TypeDef<unknown>, tz: string): object {
  if (node.children.length === 0 && node.text.trim() !== '') return new WrongShape(node.text.trim().slice(0, 40));
  const byName = new Map<string, XNode[]>();
  for (const c of node.children) {
    const list = byName.get(c.local);
    if (list) list.push(c);
    else byName.set(c.local, [c]);
  }
  const Dto = dtoClassFor(type);
  const obj = new Dto();
  for (const f of type.fields) {
    const names = [f.wire, ...f.def.aliases];
    const nodes = names.flatMap((n) => byName.get(n) ?? []);
    if (f.def.array) {
      obj[f.key] = nodes.filter((n) => !n.nil).map((n) => decodeValue(n, f.def, tz)).filter((v) => v !== undefined);
    } else {
      const n = nodes[0];
      if (n && !n.nil) {
        const v = decodeValue(n, f.def, tz);
        if (v !== undefined) obj[f.key] = v;
      }
    }
  }
  return obj;
}
