import 'reflect-metadata';
import { Decimal } from 'decimal.js';
import { IsArray, IsDefined, IsOptional, ValidateBy, ValidateNested, validateSync, type ValidationError } from 'class-validator';
import { complexTypeOf, type FieldKind, type TypeDef } from '../schema/schema-builder';
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
  const out: ValidationIssue[] = [];
  collect(validateSync(value, { forbidUnknownValues: false }), type, '', out);
  return out;
}
