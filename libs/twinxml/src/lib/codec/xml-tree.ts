import { Invalid, type Scalar } from '../schema/scalars';
import { isComplex, type ComplexSpec } from '../schema/specs';
import { readFields } from '../schema/field-access';
import type { Report } from '../schema/record-rules';
import { TwinXmlError, TwinXmlErrorCode } from '../twinxml-error';
import { escapeText, unescapeText } from './xml-text';

/**
 * A node in fast-xml-parser's `preserveOrder` shape: `{ Name: XNode[], ':@'?: attributes }` for an
 * element, `{ '#text': raw }` for text, `{ '#cdata': [{ '#text': literal }] }` for CDATA. The
 * streaming decoder builds the same shape (with already-decoded text as CDATA) so both decoders
 * share the record decoder below.
 */
export type XNode = Record<string, unknown>;

export const TEXT = '#text';
export const CDATA = '#cdata';
export const ATTRS = ':@';

export function elementName(node: XNode): string | undefined {
  for (const k in node) {
    if (k !== ATTRS && k.charCodeAt(0) !== 35 /* # */) return k;
  }
  return undefined;
}

/** Encodes a model object as `preserveOrder` nodes, in schema order. */
export function toNodes(value: Record<string, unknown>, spec: ComplexSpec): XNode[] {
  const out: XNode[] = [];
  for (const f of spec.fields) {
    const v = value[f.prop];
    if (v === undefined || v === null) continue;
    const items = f.occurs === 'many' || f.occurs === 'some' ? (v as unknown[]) : [v];
    for (const item of items) {
      const node: XNode = {};
      node[f.el] = isComplex(f.type)
        ? toNodes(item as Record<string, unknown>, f.type)
        : [{ [TEXT]: escapeText(f.type.format(item as never)) }];
      out.push(node);
    }
  }
  return out;
}

export interface DecodeContext {
  report: Report;
  /** Issues reported so far (to tell whether a record decoded cleanly). */
  issueCount(): number;
  elements: number;
  maxElements: number;
}

function countElement(ctx: DecodeContext, path: string): void {
  if (++ctx.elements > ctx.maxElements) {
    throw new TwinXmlError(TwinXmlErrorCode.LimitExceeded, [
      { path, message: `more than ${ctx.maxElements} elements` },
    ]);
  }
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** The text content of a leaf element, or undefined (after reporting) when it is not a leaf. */
function leafText(children: XNode[], path: string, ctx: DecodeContext): string | undefined {
  if (children.length === 1) {
    const raw = children[0][TEXT];
    if (typeof raw === 'string') {
      const t = unescapeText(raw);
      if (t instanceof Error) {
        ctx.report(path, t.message);
        return undefined;
      }
      return t;
    }
  }
  let text = '';
  for (const child of children) {
    const raw = child[TEXT];
    if (typeof raw === 'string') {
      const t = unescapeText(raw);
      if (t instanceof Error) {
        ctx.report(path, t.message);
        return undefined;
      }
      text += t;
    } else if (Array.isArray(child[CDATA])) {
      for (const c of child[CDATA] as XNode[]) text += typeof c[TEXT] === 'string' ? (c[TEXT] as string) : '';
    } else {
      ctx.report(path, `expected text, found element ${elementName(child) ?? '?'}`);
      return undefined;
    }
  }
  return text;
}

function trimXml(s: string): string {
  return s.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
}

const fieldNameSets = new WeakMap<ComplexSpec, Set<string>>();
function fieldNames(spec: ComplexSpec): Set<string> {
  let names = fieldNameSets.get(spec);
  if (!names) fieldNameSets.set(spec, (names = new Set(spec.fields.map((f) => f.el))));
  return names;
}

/**
 * Decodes the children of an element against a complex type: strict order and occurrence (as
 * the XSD's xs:sequence), typed leaves, then the type's cross-field rules. Issues go to
 * `ctx.report` with paths such as `/TwinXML/Products/Product[132]/Price`.
 */
export function decodeComplex(
  children: XNode[],
  spec: ComplexSpec,
  path: string,
  ctx: DecodeContext,
): Record<string, unknown> {
  const before = ctx.issueCount();
  const elems: XNode[] = [];
  const names: string[] = [];
  for (const child of children) {
    const name = elementName(child);
    if (name !== undefined) {
      if (!fieldNames(spec).has(name)) {
        ctx.report(`${path}/${name}`, `unexpected element (allowed: ${spec.fields.map((f) => f.el).join(', ')})`);
        continue;
      }
      elems.push(child);
      names.push(name);
      if (child[ATTRS] !== undefined) ctx.report(`${path}/${name}`, 'attributes are not allowed');
      continue;
    }
    // Only whitespace may sit between elements (the streaming decoder hands text over as CDATA).
    const raw = child[TEXT];
    const cdata = child[CDATA];
    const text =
      typeof raw === 'string'
        ? raw
        : Array.isArray(cdata)
          ? cdata.map((c: XNode) => String(c[TEXT] ?? '')).join('')
          : '';
    if (!isBlank(text)) ctx.report(path, 'unexpected text between elements');
  }
  const out: Record<string, unknown> = {};
  let j = 0;
  for (const f of spec.fields) {
    const repeated = f.occurs === 'many' || f.occurs === 'some';
    const values: unknown[] = [];
    let seen = 0;
    while (j < elems.length && names[j] === f.el && (repeated || seen === 0)) {
      const at = repeated ? `${path}/${f.el}[${++seen}]` : `${path}/${f.el}`;
      if (!repeated) seen++;
      countElement(ctx, at);
      const kids = elems[j][f.el] as XNode[];
      j++;
      if (isComplex(f.type)) {
        values.push(decodeComplex(kids, f.type, at, ctx));
        continue;
      }
      const text = leafText(kids, at, ctx);
      if (text === undefined) continue;
      const parsed = f.type.parse(f.type.preserveSpace ? text : trimXml(text));
      if (parsed instanceof Invalid) ctx.report(at, parsed.message);
      else values.push(parsed);
    }
    if (repeated) {
      out[f.prop] = values;
      if (f.occurs === 'some' && seen === 0) ctx.report(`${path}/${f.el}`, 'missing (at least one required)');
    } else if (values.length > 0) {
      out[f.prop] = values[0];
    } else if (f.occurs === 'one' && seen === 0) {
      ctx.report(`${path}/${f.el}`, 'missing');
    }
  }
  if (j < elems.length) ctx.report(`${path}/${names[j]}`, 'out of order or repeated');
  if (spec.rules && ctx.issueCount() === before) spec.rules(out as never, path, ctx.report);
  return out;
}

/** Checks an in-memory value against a complex type, reporting with the same paths as the decoder. */
export function validateComplex(
  value: unknown,
  spec: ComplexSpec,
  path: string,
  report: Report,
  counter: () => number,
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report(path, 'not an object');
    return;
  }
  const before = counter();
  const obj = value as Record<string, unknown>;
  const values = readFields(spec, obj);
  for (let k = 0; k < spec.fields.length; k++) {
    const f = spec.fields[k];
    const v = values[k];
    const repeated = f.occurs === 'many' || f.occurs === 'some';
    if (repeated) {
      if (!Array.isArray(v)) {
        report(`${path}/${f.el}`, 'must be an array');
        continue;
      }
      if (f.occurs === 'some' && v.length === 0) report(`${path}/${f.el}`, 'missing (at least one required)');
      for (let i = 0; i < v.length; i++) validateField(v[i], f.type, path, f.el, i + 1, report, counter);
    } else if (v === undefined || v === null) {
      if (f.occurs === 'one') report(`${path}/${f.el}`, 'missing');
    } else {
      validateField(v, f.type, path, f.el, 0, report, counter);
    }
  }
  if (spec.rules && counter() === before) spec.rules(obj as never, path, report);
}

/** `index` 0: a single field; n: the n-th of a repeated one. The path is only built when it is needed. */
function validateField(
  value: unknown,
  type: ComplexSpec | Scalar,
  parent: string,
  el: string,
  index: number,
  report: Report,
  counter: () => number,
): void {
  if (isComplex(type)) {
    validateComplex(value, type, fieldPath(parent, el, index), report, counter);
    return;
  }
  const message = type.check(value);
  if (message !== undefined) report(fieldPath(parent, el, index), message);
}

const fieldPath = (parent: string, el: string, index: number): string =>
  index === 0 ? `${parent}/${el}` : `${parent}/${el}[${index}]`;
