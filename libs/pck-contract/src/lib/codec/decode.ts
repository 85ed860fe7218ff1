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

interface TypePlan {
  readonly defs: readonly FieldDef[];
  /** Element name → field index and the name's rank (0 = wire name, then the spelling variants in order). */
  readonly byName: ReadonlyMap<string, { field: number; rank: number }>;
  /** Builds the DTO from one value per field (generated: one named property store per field). */
  readonly build: (values: readonly unknown[]) => object;
}

// Per type, computed once. The DTO is built by generated code with one named property store per field
// (`o["articleId"] = v`): each store site then sees one type only, where a generic `obj[key] = v` loop over all
// types goes megamorphic. Keys come from the contract's schema, never from input.
const plans = new WeakMap<TypeDef<unknown>, TypePlan>();
function planFor(type: TypeDef<unknown>): TypePlan {
  let plan = plans.get(type);
  if (!plan) {
    const byName = new Map<string, { field: number; rank: number }>();
    type.fields.forEach((f, field) => {
      [f.wire, ...f.def.aliases].forEach((name, rank) => {
        // One element name feeds one field (the schema is written so); a clash would be a schema bug.
        if (byName.has(name)) throw new Error(`${type.name}: element name ${name} belongs to two fields`);
        byName.set(name, { field, rank });
      });
    });
    const stores = type.fields.map((f, i) => `if (v[${i}] !== undefined) o[${JSON.stringify(f.key)}] = v[${i}];`);
    const build = new Function(
      'Dto',
      `return function build(v) { const o = new Dto(); ${stores.join(' ')} return o; };`,
    )(dtoClassFor(type)) as TypePlan['build'];
    plan = { defs: type.fields.map((f) => f.def), byName, build };
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

/**
 * One pass over the children. A single field takes the first element of its best-ranked name (the wire name before
 * a spelling variant), even when that element is nil or empty; a repeated field takes every non-nil element, those
 * of the wire name first, each name's in document order.
 */
export function decodeComplex(node: XNode, type: TypeDef<unknown>, tz: string): object {
  if (node.children.length === 0 && !isBlank(node.text)) return new WrongShape(node.text.trim().slice(0, 40));
  const plan = planFor(type);
  const n = plan.defs.length;
  const values: unknown[] = new Array(n);
  // Single fields: rank of the element taken so far; repeated fields: values per rank (only when variants occur).
  let taken: number[] | undefined;
  let ranked: Map<number, unknown[][]> | undefined;
  for (const c of node.children) {
    const hit = plan.byName.get(c.local);
    if (hit === undefined) continue;
    const def = plan.defs[hit.field];
    if (def.array) {
      if (c.nil) continue;
      const v = decodeValue(c, def, tz);
      if (v === undefined) continue;
      if (hit.rank === 0 && ranked?.has(hit.field) !== true) {
        const list = values[hit.field] as unknown[] | undefined;
        if (list) list.push(v);
        else values[hit.field] = [v];
      } else {
        ranked ??= new Map();
        let lists = ranked.get(hit.field);
        if (!lists) {
          lists = [(values[hit.field] as unknown[] | undefined) ?? []];
          ranked.set(hit.field, lists);
        }
        (lists[hit.rank] ??= []).push(v);
      }
      continue;
    }
    taken ??= new Array<number>(n).fill(Infinity);
    if (hit.rank >= taken[hit.field]) continue;
    taken[hit.field] = hit.rank;
    values[hit.field] = c.nil ? undefined : decodeValue(c, def, tz);
  }
  if (ranked) for (const [field, lists] of ranked) values[field] = lists.flatMap((l) => l ?? []);
  for (let i = 0; i < n; i++) if (plan.defs[i].array && values[i] === undefined) values[i] = [];
  return plan.build(values);
}
