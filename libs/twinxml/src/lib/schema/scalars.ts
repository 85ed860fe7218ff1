import { Decimal } from 'decimal.js';
import { escapeAttr } from '../codec/xml-text';

/** A rejected text value; parse functions return it instead of throwing (errors are collected). */
export class Invalid {
  constructor(readonly message: string) {}
}

/**
 * A leaf type of the schema: its canonical text form, a strict parser for the wire, a checker for
 * in-memory values, and its XSD simple type. One definition drives encoder, decoder, validator
 * and the XSD, so they cannot drift apart.
 */
export interface Scalar<T = unknown> {
  /** XSD simple type name. */
  readonly name: string;
  /** The `<xs:simpleType>` body (restriction), without the outer element. */
  readonly xsd: string;
  /** Whether surrounding whitespace is significant (strings, as xs:string) or collapsed (everything else, as in XSD). */
  readonly preserveSpace: boolean;
  /**
   * What the JSON form may carry besides the canonical text: a JSON number only where it is exact
   * (integers), a JSON boolean for flags. Decimals never: a JSON number is a binary float.
   */
  readonly json: ScalarJson;
  format(value: T): string;
  parse(text: string): T | Invalid;
  /** An error message when `value` is not a valid in-memory value, else undefined. */
  check(value: unknown): string | undefined;
}

/** See `Scalar.json`. */
export type ScalarJson = 'text' | 'decimal' | 'integer' | 'boolean';

// XML 1.0 `Char` production; the `u` flag makes lone surrogates fail too.
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

interface StringOptions {
  name: string;
  minLength: number;
  maxLength?: number;
  /** JS regex (anchored by the scalar) and its XSD equivalent. */
  pattern?: { js: RegExp; xsd: string; describe: string };
  /** Keys and codes may not start or end with whitespace nor contain control characters. */
  token?: boolean;
  xsdBase?: string;
}

const TOKEN_JS = /^[^ \t\n\r\p{Cc}](?:[^\p{Cc}]*[^ \t\n\r\p{Cc}])?$/u;
const TOKEN_XSD = '[^\\s\\p{Cc}]([^\\p{Cc}]*[^\\s\\p{Cc}])?';

function stringScalar(o: StringOptions): Scalar<string> {
  const facets = [
    o.minLength > 0 ? `<xs:minLength value="${o.minLength}"/>` : '',
    o.maxLength !== undefined ? `<xs:maxLength value="${o.maxLength}"/>` : '',
    o.token ? `<xs:pattern value="${escapeAttr(TOKEN_XSD)}"/>` : '',
    o.pattern ? `<xs:pattern value="${escapeAttr(o.pattern.xsd)}"/>` : '',
  ].filter(Boolean);
  const check = (value: unknown): string | undefined => {
    if (typeof value !== 'string') return 'not a string';
    // A pattern says more than a length ("not a GTIN" rather than "shorter than 8 characters").
    if (o.pattern && !o.pattern.js.test(value)) return `not ${o.pattern.describe}`;
    if (value.length < o.minLength)
      return o.minLength === 1 ? 'must not be empty' : `shorter than ${o.minLength} characters`;
    if (o.maxLength !== undefined && value.length > o.maxLength && codePointLength(value) > o.maxLength) {
      return `longer than ${o.maxLength} characters`;
    }
    if (NOT_XML_CHAR.test(value)) return 'contains a character not allowed in XML';
    if (o.token && !TOKEN_JS.test(value)) return 'must not start or end with whitespace nor contain control characters';
    return undefined;
  };
  return {
    name: o.name,
    xsd: `<xs:restriction base="${o.xsdBase ?? 'xs:string'}">${facets.join('')}</xs:restriction>`,
    preserveSpace: true,
    json: 'text',
    format: (v) => v,
    parse: (text) => {
      const message = check(text);
      return message === undefined ? text : new Invalid(message);
    },
    check,
  };
}

interface DecimalOptions {
  name: string;
  scale: number;
  integerDigits: number;
  signed: boolean;
  max?: number;
  what: string;
}

const ANY_DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

function decimalScalar(o: DecimalOptions): Scalar<Decimal> {
  const canonical = new RegExp(
    `^${o.signed ? '-?' : ''}(0|[1-9][0-9]{0,${o.integerDigits - 1}})(\\.[0-9]{1,${o.scale}})?$`,
  );
  const xsdPattern = `${o.signed ? '-?' : ''}(0|[1-9][0-9]{0,${o.integerDigits - 1}})(\\.[0-9]{1,${o.scale}})?`;
  const limit = new Decimal(10).pow(o.integerDigits);
  const max = o.max === undefined ? undefined : new Decimal(o.max);
  const range = (d: Decimal): string | undefined => {
    if (!o.signed && d.isNeg() && !d.isZero()) return 'must not be negative';
    if (d.abs().gte(limit)) return `more than ${o.integerDigits} integer digits`;
    if (max && d.gt(max)) return `greater than ${o.max}`;
    return undefined;
  };
  return {
    name: o.name,
    xsd:
      `<xs:restriction base="xs:decimal"><xs:fractionDigits value="${o.scale}"/>` +
      (max ? `<xs:maxInclusive value="${o.max}"/>` : '') +
      `<xs:pattern value="${xsdPattern}"/></xs:restriction>`,
    preserveSpace: false,
    json: 'decimal',
    // Negative zero would print as `-0.00`; canonical form has one zero.
    format: (v) => (v.isZero() ? new Decimal(0) : v).toFixed(o.scale),
    parse: (text) => {
      if (!ANY_DECIMAL.test(text)) return new Invalid('not a decimal');
      const d = new Decimal(text);
      const r = range(d);
      if (r) return new Invalid(r);
      const dot = text.indexOf('.');
      if (dot >= 0 && text.length - dot - 1 > o.scale) return new Invalid(`more than ${o.scale} decimals`);
      if (!canonical.test(text)) return new Invalid('not a decimal in canonical form (leading zeros)');
      return d;
    },
    check: (value) => {
      if (!Decimal.isDecimal(value)) return `not a Decimal (${o.what})`;
      const d = value as Decimal;
      if (!d.isFinite()) return 'not a finite decimal';
      if (d.decimalPlaces() > o.scale) return `more than ${o.scale} decimals`;
      return range(d);
    },
  };
}

interface IntOptions {
  name: string;
  min: number;
  max: number;
}

function intScalar(o: IntOptions): Scalar<number> {
  const range = (n: number): string | undefined =>
    n < o.min ? `less than ${o.min}` : n > o.max ? `greater than ${o.max}` : undefined;
  return {
    name: o.name,
    xsd:
      `<xs:restriction base="xs:long"><xs:minInclusive value="${o.min}"/><xs:maxInclusive value="${o.max}"/>` +
      `<xs:pattern value="-?(0|[1-9][0-9]*)"/></xs:restriction>`,
    preserveSpace: false,
    json: 'integer',
    format: (v) => String(v),
    parse: (text) => {
      if (!/^-?(0|[1-9][0-9]{0,15})$/.test(text)) return new Invalid('not an integer');
      const n = Number(text);
      return range(n) ? new Invalid(range(n) as string) : n;
    },
    check: (value) => {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'not an integer';
      return range(value);
    },
  };
}

export function enumScalar<T extends string>(name: string, values: readonly T[]): Scalar<T> {
  const set = new Set<string>(values);
  const check = (value: unknown): string | undefined =>
    typeof value === 'string' && set.has(value) ? undefined : `not one of ${values.join(', ')}`;
  return {
    name,
    xsd: `<xs:restriction base="xs:token">${values.map((v) => `<xs:enumeration value="${v}"/>`).join('')}</xs:restriction>`,
    preserveSpace: false,
    json: 'text',
    format: (v) => v,
    parse: (text) => (check(text) ? new Invalid(check(text) as string) : (text as T)),
    check,
  };
}

const DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,3})?Z$/;

/** UTC instants: `YYYY-MM-DDThh:mm:ss.sssZ` canonically; 0 to 3 fraction digits accepted. */
export const dateTimeScalar: Scalar<Date> = {
  name: 'UtcDateTime',
  xsd:
    '<xs:restriction base="xs:dateTime">' +
    '<xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,3})?Z"/>' +
    '</xs:restriction>',
  preserveSpace: false,
  json: 'text',
  format: (v) => v.toISOString(),
  parse: (text) => {
    const m = DATE_TIME.exec(text);
    if (!m) return new Invalid('not a UTC timestamp (YYYY-MM-DDThh:mm:ss.sssZ)');
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
    const ms = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
    const date = new Date(0);
    date.setUTCFullYear(y, mo - 1, d);
    date.setUTCHours(h, mi, s, ms);
    // Date rolls over out-of-range fields (Feb 30 → Mar 2); a valid timestamp survives unchanged.
    if (
      y < 1 ||
      date.getUTCFullYear() !== y ||
      date.getUTCMonth() !== mo - 1 ||
      date.getUTCDate() !== d ||
      date.getUTCHours() !== h ||
      date.getUTCMinutes() !== mi ||
      date.getUTCSeconds() !== s
    ) {
      return new Invalid('not a valid date and time');
    }
    return date;
  },
  check: (value) => {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) return 'not a valid Date';
    const y = value.getUTCFullYear();
    return y < 1 || y > 9999 ? 'year outside 0001–9999' : undefined;
  },
};

export const booleanScalar: Scalar<boolean> = {
  name: 'Flag',
  xsd: '<xs:restriction base="xs:boolean"><xs:pattern value="true|false"/></xs:restriction>',
  preserveSpace: false,
  json: 'boolean',
  format: (v) => (v ? 'true' : 'false'),
  parse: (text) => (text === 'true' ? true : text === 'false' ? false : new Invalid('not a boolean (true or false)')),
  check: (value) => (typeof value === 'boolean' ? undefined : 'not a boolean'),
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Bytes as base64 without line breaks (whitespace is tolerated on input). */
export const bytesScalar: Scalar<Uint8Array> = {
  name: 'Base64Data',
  xsd: '<xs:restriction base="xs:base64Binary"><xs:minLength value="1"/></xs:restriction>',
  preserveSpace: false,
  json: 'text',
  format: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'),
  parse: (text) => {
    const compact = /[ \t\n\r]/.test(text) ? text.replace(/[ \t\n\r]+/g, '') : text;
    if (compact.length === 0) return new Invalid('must not be empty');
    if (!BASE64.test(compact)) return new Invalid('not base64');
    return Buffer.from(compact, 'base64');
  },
  check: (value) => {
    if (!(value instanceof Uint8Array)) return 'not a Uint8Array';
    return value.byteLength === 0 ? 'must not be empty' : undefined;
  },
};

export const scalars = {
  /** Source keys, SKUs, codes: 1–128 characters, no surrounding whitespace, no control characters. */
  key: stringScalar({ name: 'Key', minLength: 1, maxLength: 128, token: true }),
  /** Record keys as built by `recordKey` (receipts, image deletions): composite, so longer. */
  recordKey: stringScalar({ name: 'RecordKey', minLength: 1, maxLength: 1024, token: true }),
  /** Names and other short texts: 1–400 characters. */
  name: stringScalar({ name: 'Name', minLength: 1, maxLength: 400 }),
  /** Free text (descriptions, messages, HTML): any length, may be empty. */
  text: stringScalar({ name: 'Text', minLength: 0 }),
  schemaVersion: stringScalar({
    name: 'SchemaVersion',
    minLength: 1,
    pattern: { js: /^1\.0$/, xsd: '1\\.0', describe: 'schema version 1.0' },
  }),
  currency: stringScalar({
    name: 'CurrencyCode',
    minLength: 3,
    pattern: { js: /^[A-Z]{3}$/, xsd: '[A-Z]{3}', describe: 'an ISO 4217 currency code' },
  }),
  country: stringScalar({
    name: 'CountryCode',
    minLength: 2,
    pattern: { js: /^[A-Z]{2}$/, xsd: '[A-Z]{2}', describe: 'an ISO 3166-1 alpha-2 country code' },
  }),
  language: stringScalar({
    name: 'LanguageTag',
    minLength: 2,
    maxLength: 35,
    pattern: {
      js: /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/,
      xsd: '[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*',
      describe: 'a BCP 47 language tag',
    },
  }),
  gtin: stringScalar({
    name: 'Gtin',
    minLength: 8,
    pattern: {
      js: /^(?:[0-9]{8}|[0-9]{12,14})$/,
      xsd: '[0-9]{8}|[0-9]{12,14}',
      describe: 'a GTIN (8, 12, 13 or 14 digits)',
    },
  }),
  contentHash: stringScalar({
    name: 'ContentHash',
    minLength: 71,
    pattern: {
      js: /^sha256:[0-9a-f]{64}$/,
      xsd: 'sha256:[0-9a-f]{64}',
      describe: 'a content hash (sha256: and 64 lowercase hex digits)',
    },
  }),
  mimeType: stringScalar({
    name: 'MimeType',
    minLength: 3,
    maxLength: 100,
    pattern: { js: /^[a-z]+\/[a-z0-9.+-]+$/, xsd: '[a-z]+/[a-z0-9.+\\-]+', describe: 'a MIME type' },
  }),
  uri: stringScalar({
    name: 'Uri',
    minLength: 3,
    maxLength: 2048,
    xsdBase: 'xs:anyURI',
    pattern: {
      js: /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s\p{Cc}]+$/u,
      xsd: '[a-zA-Z][a-zA-Z0-9+.\\-]*:[^\\s\\p{Cc}]+',
      describe: 'an absolute URI',
    },
  }),
  /** Money: non-negative, 4 decimals (cost and unit prices need sub-øre precision). */
  money: decimalScalar({ name: 'Money', scale: 4, integerDigits: 15, signed: false, what: 'money' }),
  /** VAT rate in percent, 2 decimals, 0–100. */
  rate: decimalScalar({ name: 'Percent', scale: 2, integerDigits: 3, signed: false, max: 100, what: 'percent' }),
  /** Quantities and stock: signed (stock can be oversold), 3 decimals. */
  quantity: decimalScalar({ name: 'Quantity', scale: 3, integerDigits: 12, signed: true, what: 'quantity' }),
  /** Weights (kg), dimensions (cm) and unit amounts: non-negative, 3 decimals. */
  measure: decimalScalar({ name: 'Measure', scale: 3, integerDigits: 12, signed: false, what: 'measure' }),
  sortOrder: intScalar({ name: 'SortOrder', min: -2147483648, max: 2147483647 }),
  level: intScalar({ name: 'Level', min: 1, max: 9 }),
  position: intScalar({ name: 'Position', min: 1, max: 10000 }),
  count: intScalar({ name: 'Count', min: 0, max: Number.MAX_SAFE_INTEGER }),
  dateTime: dateTimeScalar,
  boolean: booleanScalar,
  bytes: bytesScalar,
};
