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

interface TypePlan {
  readonly Dto: new () => Record<string, unknown>;
  readonly fields: readonly FieldPlan[];
}

// Per type, computed once: the DTO class and each field's accepted names (was rebuilt for every element).
const plans = new WeakMap<TypeDef<unknown>, TypePlan>();
function planFor(type: TypeDef<unknown>): TypePlan {
  let plan = plans.get(type);
  if (!plan) {
    plan = { Dto: dtoClassFor(type), fields: type.fields.map((f) => ({ key: f.key, names: [f.wire, ...f.def.aliases], def: f.def })) };
    plans.set(type, plan);
  }
  return plan;
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

function nodesFor(byName: ReadonlyMap<string, XNode[]>, names: readonly string[]): readonly XNode[] | undefined {
  if (names.length === 1) return byName.get(names[0]);
  let out: XNode[] | undefined;
  for (const n of names) {
    const found = byName.get(n);
    if (found) out = out ? out.concat(found) : found;
  }
  return out;
}

export function decodeComplex(node: XNode, type: TypeDef<unknown>, tz: string): object {
  if (node.children.length === 0 && !isBlank(node.text)) return new WrongShape(node.text.trim().slice(0, 40));
  const byName = new Map<string, XNode[]>();
  for (const c of node.children) {
    const list = byName.get(c.local);
    if (list) list.push(c);
    else byName.set(c.local, [c]);
  }
  const plan = planFor(type);
  const obj = new plan.Dto();
  for (const f of plan.fields) {
    const nodes = nodesFor(byName, f.names);
    if (f.def.array) {
      const values: unknown[] = [];
      if (nodes) {
        for (const n of nodes) {
          if (n.nil) continue;
          const v = decodeValue(n, f.def, tz);
          if (v !== undefined) values.push(v);
        }
      }
      obj[f.key] = values;
    } else {
      const n = nodes?.[0];
      if (n && !n.nil) {
        const v = decodeValue(n, f.def, tz);
        if (v !== undefined) obj[f.key] = v;
      }
    }
  }
  return obj;
}
