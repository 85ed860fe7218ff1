import type { TwinCategory } from '../model/category';
import type { TwinDeletion } from '../model/deletion';
import type { TwinImage } from '../model/image';
import type { TwinManufacturer } from '../model/manufacturer';
import type { TwinOrder, TwinOrderStatusUpdate } from '../model/order';
import type { TwinProduct } from '../model/product';
import type { TwinReceipt } from '../model/receipt';
import type { TwinStockLevel } from '../model/stock-level';
import { isComplex, SECTIONS, type ComplexSpec } from '../schema/specs';
import { readFields, writeFields } from '../schema/field-access';
import { Invalid, type ScalarJson } from '../schema/scalars';
import { TwinXmlError, TwinXmlErrorCode, type TwinXmlIssue } from '../twinxml-error';

/**
 * The JSON form of one TwinXML record: the same schema as the XML, with every leaf in its canonical
 * text form (decimals at their fixed scale, instants in ISO-8601 UTC, bytes in base64). Exact and
 * canonical, so it can be stored (the staging store keeps one per entity) and hashed, and turned
 * back into the typed record without loss.
 */
export type TwinRecordJson = { [prop: string]: string | TwinRecordJson | (string | TwinRecordJson)[] };

export interface TwinRecordOfKind {
  category: TwinCategory;
  manufacturer: TwinManufacturer;
  product: TwinProduct;
  stock: TwinStockLevel;
  image: TwinImage;
  deletion: TwinDeletion;
  order: TwinOrder;
  orderStatus: TwinOrderStatusUpdate;
  receipt: TwinReceipt;
}

/** A record kind by name ('product', 'stock', …); TwinRecordKind values fit too. */
export type TwinRecordKindName = keyof TwinRecordOfKind;

function specOf(kind: string): ComplexSpec {
  const section = SECTIONS.find((s) => (s.kind as string) === kind);
  if (!section)
    throw new TwinXmlError(TwinXmlErrorCode.InvalidModel, [{ path: '/', message: `unknown record kind "${kind}"` }]);
  return section.record;
}

type FieldSpec = ComplexSpec['fields'][number];
const fieldPath = (path: string, field: FieldSpec, index: number): string =>
  index === 0 ? `${path}/${field.prop}` : `${path}/${field.prop}[${index}]`;

/** One value of a field (`index` 0: a single field; n: the n-th of a repeated one). */
function itemToJson(
  item: unknown,
  field: FieldSpec,
  path: string,
  index: number,
  issues: TwinXmlIssue[],
): string | TwinRecordJson {
  if (isComplex(field.type))
    return toJson(item as Record<string, unknown>, field.type, fieldPath(path, field, index), issues);
  const problem = field.type.check(item);
  if (problem) {
    issues.push({ path: fieldPath(path, field, index), message: problem });
    return '';
  }
  return field.type.format(item);
}

// Runs for every record staged, so paths are only built where an issue is reported or a child record needs one.
function toJson(
  value: Record<string, unknown>,
  spec: ComplexSpec,
  path: string,
  issues: TwinXmlIssue[],
): TwinRecordJson {
  const values = readFields(spec, value);
  const out: unknown[] = [];
  for (let k = 0; k < spec.fields.length; k++) {
    const field = spec.fields[k];
    const v = values[k];
    if (v === undefined || v === null) {
      if (field.occurs === 'one' || field.occurs === 'some')
        issues.push({ path: `${path}/${field.prop}`, message: 'is required' });
      out.push(undefined);
      continue;
    }
    if (field.occurs === 'many' || field.occurs === 'some') {
      const items: unknown[] = Array.isArray(v) ? v : [v];
      const indexed = items.length > 1 || Array.isArray(v);
      out.push(items.map((item, i) => itemToJson(item, field, path, indexed ? i + 1 : 0, issues)));
    } else {
      out.push(itemToJson(v, field, path, 0, issues));
    }
  }
  return writeFields(spec, out) as TwinRecordJson;
}

/**
 * Why a JSON value cannot stand for a scalar, if it cannot. Text always can (it goes through the
 * same strict parser as the XML); a number only where it is exact, a boolean only for a flag. So
 * JSON written by hand or by JSON.stringify of a model (Decimal → string, Date → ISO, integers
 * and flags as themselves) reads back, and a decimal never passes through binary floating point.
 */
function jsonProblem(item: unknown, json: ScalarJson): string | undefined {
  if (typeof item === 'string') return undefined;
  switch (json) {
    case 'decimal':
      return 'must be a string: decimals are stored as text';
    case 'integer':
      if (typeof item === 'number' && !Number.isSafeInteger(item)) {
        return Number.isInteger(item) ? 'must be a string: too large to be exact as a JSON number' : 'not an integer';
      }
      return typeof item === 'number' ? undefined : 'must be a string or an integer';
    case 'boolean':
      return typeof item === 'boolean' ? undefined : 'must be a string or a boolean';
    case 'text':
      return 'must be a string';
    default: {
      const unreachable: never = json;
      return String(unreachable);
    }
  }
}

function fromJson(json: unknown, spec: ComplexSpec, path: string, issues: TwinXmlIssue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    issues.push({ path, message: 'must be an object' });
    return out;
  }
  const value = json as Record<string, unknown>;
  for (const field of spec.fields) {
    const v = value[field.prop];
    const listed = field.occurs === 'many' || field.occurs === 'some';
    if (v === undefined || v === null) {
      if (field.occurs === 'one' || field.occurs === 'some')
        issues.push({ path: `${path}/${field.prop}`, message: 'is required' });
      else if (field.occurs === 'many') out[field.prop] = [];
      continue;
    }
    if (listed && !Array.isArray(v)) {
      issues.push({ path: `${path}/${field.prop}`, message: 'must be a list' });
      continue;
    }
    const items: unknown[] = listed ? (v as unknown[]) : [v];
    const parsed = items.map((item, i) => {
      const at = listed ? `${path}/${field.prop}[${i + 1}]` : `${path}/${field.prop}`;
      if (isComplex(field.type)) return fromJson(item, field.type, at, issues);
      const problem = jsonProblem(item, field.type.json);
      if (problem) {
        issues.push({ path: at, message: problem });
        return undefined;
      }
      const result = field.type.parse(String(item));
      if (result instanceof Invalid) {
        issues.push({ path: at, message: result.message });
        return undefined;
      }
      return result;
    });
    out[field.prop] = listed ? parsed : parsed[0];
  }
  return out;
}

/** The canonical JSON form of a record; throws TwinXmlError (INVALID_MODEL) naming every bad field. */
export function recordToJson<K extends TwinRecordKindName>(kind: K, record: TwinRecordOfKind[K]): TwinRecordJson {
  const issues: TwinXmlIssue[] = [];
  const json = toJson(record as unknown as Record<string, unknown>, specOf(kind), `/${kind}`, issues);
  if (issues.length > 0) throw new TwinXmlError(TwinXmlErrorCode.InvalidModel, issues);
  return json;
}

/** The typed record back from its JSON form; throws TwinXmlError (INVALID) with path-addressed issues. */
export function recordFromJson<K extends TwinRecordKindName>(kind: K, json: unknown): TwinRecordOfKind[K] {
  const issues: TwinXmlIssue[] = [];
  const record = fromJson(json, specOf(kind), `/${kind}`, issues);
  if (issues.length > 0) throw new TwinXmlError(TwinXmlErrorCode.Invalid, issues);
  return record as unknown as TwinRecordOfKind[K];
}
