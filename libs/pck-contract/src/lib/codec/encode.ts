import { complexTypeOf, type FieldDef, type TypeDef } from '../schema/schema-builder';
import { PckContractError, PckContractErrorCode } from './pck-contract.exception';
import { defaultScalar, formatScalar } from './xsd-values';

// Characters XML 1.0 cannot carry at all are dropped; CR is escaped so parsers keep it.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeText(s: string): string {
  return s
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function encodeSingle(out: string[], name: string, def: FieldDef, value: unknown, path: string, attrs: string): void {
  if (def.kind === 'complex') {
    if (typeof value !== 'object' || value === null) {
      throw new PckContractError(PckContractErrorCode.InvalidResponseValue, `${path}: expected an object`);
    }
    out.push(`<${name}${attrs}>`);
    encodeFields(out, complexTypeOf(def), value as Record<string, unknown>, path);
    out.push(`</${name}>`);
  } else {
    out.push(`<${name}${attrs}>${escapeText(formatScalar(def.kind, value, path))}</${name}>`);
  }
}

/** Emit one field: arrays as repeated elements, absent optionals omitted, absent required defaulted. */
export function encodeField(
  out: string[],
  name: string,
  def: FieldDef,
  value: unknown,
  path: string,
  attrs = '',
): void {
  if (def.array) {
    if (value === undefined || value === null) return;
    if (!Array.isArray(value))
      throw new PckContractError(PckContractErrorCode.InvalidResponseValue, `${path}: expected an array`);
    value.forEach((item, i) => encodeSingle(out, name, def, item, `${path}[${i}]`, attrs));
  } else if (value === undefined || value === null) {
    if (def.required) encodeSingle(out, name, def, def.kind === 'complex' ? {} : defaultScalar(def.kind), path, attrs);
  } else encodeSingle(out, name, def, value, path, attrs);
}

/** Emit the children of a complex value in the type's sequence order (unqualified elements). */
export function encodeFields(
  out: string[],
  type: TypeDef<unknown>,
  value: Record<string, unknown>,
  path: string,
  childAttrs = '',
): void {
  for (const f of type.fields)
    encodeField(out, f.wire, f.def, value[f.key], path ? `${path}.${f.key}` : f.key, childAttrs);
}
