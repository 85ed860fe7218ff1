import { Decimal } from 'decimal.js';
import { TwinBatchMode, emptyDocument, validateTwinDocument, type TwinDocument } from '@pcknop/twinxml';
import { FieldMappingError, FieldMappingErrorCode } from './field-mapping.exception';

/**
 * TwinXML 1 limits the mapping must respect (twinxml's scalars: Name 1–400, Key 1–128 characters without control
 * characters or surrounding whitespace; money 4 decimals, measures 3). Kept here as numbers because twinxml
 * exposes only the validator, which this module runs last as the guard.
 */
export const TWIN_NAME_MAX_LENGTH = 400;
export const TWIN_KEY_MAX_LENGTH = 128;
const MONEY_SCALE = 4;
const MEASURE_SCALE = 3;

// Control characters would make a key invalid; PCK users paste them into article numbers now and then.
const CONTROL = /\p{Cc}/gu;

function codePoints(s: string): string[] {
  return Array.from(s);
}

/**
 * A name as TwinXML takes it: control characters (a tab, a line break, C1 codes from old code pages) become spaces
 * (not trimmed: a name of only a line break stays a name), then it is cut to 400 characters (whole code points); each with a warning.
 */
export function fitName(raw: string, what: string, warnings: string[]): string {
  let value = raw;
  if (/\p{Cc}/u.test(raw)) {
    value = raw.replace(CONTROL, ' ');
    warnings.push(`${what}: control characters replaced by spaces`);
  }
  const chars = codePoints(value);
  if (chars.length <= TWIN_NAME_MAX_LENGTH) return value;
  warnings.push(`${what}: ${chars.length} characters, cut to the ${TWIN_NAME_MAX_LENGTH} TwinXML allows`);
  return chars.slice(0, TWIN_NAME_MAX_LENGTH).join('');
}

/**
 * A SKU or code as a TwinXML key: control characters become spaces and the ends are trimmed. A key is never cut
 * (two long SKUs would become one product), so an empty or over-long key is an error naming the field.
 */
export function fitKey(value: string, what: string): string {
  const key = value.replace(CONTROL, ' ').trim();
  if (!key) throw new FieldMappingError(FieldMappingErrorCode.INVALID_VALUE, { path: what, detail: 'empty' });
  const n = codePoints(key).length;
  if (n > TWIN_KEY_MAX_LENGTH) {
    throw new FieldMappingError(FieldMappingErrorCode.INVALID_VALUE, {
      path: what,
      value: key,
      detail: `${n} characters, at most ${TWIN_KEY_MAX_LENGTH} allowed; shorten it in PCK (or the profile's SKU prefix/rule)`,
    });
  }
  return key;
}

/** Money at TwinXML's scale (4 decimals); rounding to øre, where wanted, happens before. */
export function fitMoney(value: Decimal): Decimal {
  return value.toDecimalPlaces(MONEY_SCALE, Decimal.ROUND_HALF_UP);
}

/** A weight, dimension or unit amount: never negative, 3 decimals. */
export function fitMeasure(value: Decimal): Decimal {
  return Decimal.max(0, value).toDecimalPlaces(MEASURE_SCALE, Decimal.ROUND_HALF_UP);
}

/** The records the guard checks. Deletions are left out: they are built from keys alone. */
export type TwinSections = Pick<TwinDocument, 'categories' | 'manufacturers' | 'products' | 'stockLevels' | 'images'>;

/**
 * The last guard: the records must make a valid TwinXML document, so a bad value fails here, naming the PCK record
 * and field while PCK is still on the line, not later when a batch is encoded.
 */
export function assertValidTwin(records: TwinSections, at: Date, what: string): void {
  const doc = emptyDocument({
    schemaVersion: '1.0',
    sourceSystem: 'pckasse',
    tenant: 'field-mapping',
    batchId: 'check',
    sequence: 0,
    createdAt: at,
    mode: TwinBatchMode.Delta,
    currency: 'NOK',
  });
  Object.assign(doc, {
    categories: records.categories,
    manufacturers: records.manufacturers,
    products: records.products,
    stockLevels: records.stockLevels,
    images: records.images,
  });
  const issues = validateTwinDocument(doc, 5);
  if (issues.length === 0) return;
  throw new FieldMappingError(FieldMappingErrorCode.INVALID_VALUE, {
    path: what,
    detail: issues.map((i) => `${i.path.replace(/^\/TwinXML\//, '')}: ${i.message}`).join('; '),
  });
}
