import 'reflect-metadata';
import { Decimal } from 'decimal.js';
import {
  IsArray,
  IsDefined,
  IsOptional,
  ValidateBy,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { complexTypeOf, type FieldEntry, type FieldKind, type TypeDef } from '../schema/schema-builder';
import { WrongShape } from './xsd-values';

/*
 * class-validator does the type and presence checks. Each contract class gets a DTO class built
 * from its schema (decorators applied programmatically), so the rules cannot drift from the WSDL.
 */

type Ctor = new () => Record<string, unknown>;
const classes = new Map<TypeDef<unknown>, Ctor>();

const CHECKS: Record<Exclude<FieldKind, 'complex'>, (v: unknown) => boolean> = {
  int: (v) => typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647,
  long: (v) => Number.isSafeInteger(v),
  decimal: (v) => Decimal.isDecimal(v) && v.isFinite(),
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  dateTime: (v) => v instanceof Date && !Number.isNaN(v.getTime()),
  base64: (v) => v instanceof Uint8Array,
};

export function dtoClassFor(type: TypeDef<unknown>): Ctor {
  const existing = classes.get(type);
  if (existing) return existing;
  const Dto = { [type.name]: class {} }[type.name] as unknown as Ctor;
  classes.set(type, Dto);
  for (const f of type.fields) {
    const { kind, required, array } = f.def;
    const proto = Dto.prototype as object;
    const each = { each: array };
    const check = (v: unknown): boolean =>
      kind === 'complex' ? v instanceof dtoClassFor(complexTypeOf(f.def)) : CHECKS[kind](v);
    ValidateBy({ name: `xsd:${kind}`, validator: { validate: check } }, each)(proto, f.key);
    if (array) IsArray()(proto, f.key);
    else if (required) IsDefined()(proto, f.key);
    else IsOptional()(proto, f.key);
    if (kind === 'complex') ValidateNested(each)(proto, f.key);
  }
  return Dto;
}

/*
 * Nearly every request is valid, and class-validator's generic walk (metadata lookup per class, per property, per
 * call) costs more than parsing the XML. So each type also gets a plain checker compiled from the very same rules
 * (the decorators above): when it accepts, class-validator would find nothing; when it rejects, class-validator
 * runs and alone decides what is wrong. The checker may only ever be stricter, never more lenient.
 */
type Check = (v: unknown) => boolean;
const checkers = new WeakMap<TypeDef<unknown>, Check>();

function fieldCheck(f: FieldEntry): Check {
  const { kind, required, array } = f.def;
  const one: Check =
    kind === 'complex'
      ? (() => {
          const sub = complexTypeOf(f.def);
          const Dto = dtoClassFor(sub);
          let nested: Check | undefined;
          return (v) => v instanceof Dto && (nested ??= checkerFor(sub))(v);
        })()
      : CHECKS[kind];
  if (array) {
    return (v) => {
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) if (!one(v[i])) return false;
      return true;
    };
  }
  if (required) return (v) => v !== undefined && v !== null && one(v);
  return (v) => v === undefined || v === null || one(v);
}

/*
 * The per-type checker is generated as source with one named property read per field (`o["articleId"]`): each read
 * site then only ever sees that type's objects, where one generic loop over `o[key]` sees every type's objects and
 * goes megamorphic (V8's slowest property lookups, a tenth of a sendArticle's CPU). Keys come from the contract's
 * own schema, never from input, and are embedded as JSON string literals.
 */
function checkerFor(type: TypeDef<unknown>): Check {
  const existing = checkers.get(type);
  if (existing) return existing;
  const Dto = dtoClassFor(type);
  const checks: Check[] = [];
  let compiled: Check | undefined;
  const check: Check = (v) => (compiled ??= compile())(v);
  const compile = (): Check => {
    const reads = type.fields.map((f, i) => `checks[${i}](o[${JSON.stringify(f.key)}])`);
    const body = `return function check(o) { return o instanceof Dto${reads.map((r) => ` && ${r}`).join('')}; };`;
    return new Function('Dto', 'checks', body)(Dto, checks) as Check;
  };
  checkers.set(type, check);
  for (const f of type.fields) checks.push(fieldCheck(f));
  return check;
}

/** True when the compiled checks accept `value` (then class-validator finds no issue either). */
export function passesCompiledChecks(value: unknown, type: TypeDef<unknown>): boolean {
  return checkerFor(type)(value);
}

export interface ValidationIssue {
  /** Dotted path from the operation element, e.g. `article.sizeColors[0].stockCount`. */
  path: string;
  problem: 'missing' | 'invalid';
  /** XSD kind expected at that path. */
  expected: FieldKind;
  /** The offending raw text (truncated), when there was one. */
  raw?: string;
}

function kindAt(type: TypeDef<unknown>, key: string): FieldKind {
  return type.fields.find((f) => f.key === key)?.def.kind ?? 'complex';
}

function collect(errors: ValidationError[], type: TypeDef<unknown>, prefix: string, out: ValidationIssue[]): void {
  for (const e of errors) {
    const field = type.fields.find((f) => f.key === e.property);
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      const v = e.value as unknown;
      const items: unknown[] = field?.def.array && Array.isArray(v) ? v : [v];
      const bad = items.find((x) => x instanceof WrongShape);
      out.push({
        path,
        problem: 'isDefined' in e.constraints ? 'missing' : 'invalid',
        expected: kindAt(type, e.property),
        raw: bad instanceof WrongShape ? bad.raw.slice(0, 40) : undefined,
      });
    }
    if (e.children?.length && field?.def.type) {
      const sub = field.def.type();
      if (field.def.array) {
        for (const c of e.children) collect(c.children ?? [], sub, `${path}[${c.property}]`, out);
      } else collect(e.children, sub, path, out);
    }
  }
}

/** Validate a decoded DTO tree; returns the issues in document order (empty when valid). */
export function validateDto(value: object, type: TypeDef<unknown>): ValidationIssue[] {
  if (passesCompiledChecks(value, type)) return [];
  const out: ValidationIssue[] = [];
  collect(validateSync(value, { forbidUnknownValues: false }), type, '', out);
  return out;
}
