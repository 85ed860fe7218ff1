import { Decimal } from 'decimal.js';
import type { ScalarKind } from '../schema/schema-builder';
import { PckContractError, PckContractErrorCode } from './pck-contract.exception';

/** A value that could not be read as its XSD type; the validator reports it with the raw text. */
export class WrongShape {
  constructor(readonly raw: string) {}
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function parseInteger(s: string): bigint | undefined {
  if (!INTEGER.test(s) || s.length > 40) return undefined;
  return BigInt(s.startsWith('+') ? s.slice(1) : s);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Offset of `tz` from UTC at instant `utcMs`, in ms. */
function zoneOffset(utcMs: number, tz: string): number {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p['year'], p['month'] - 1, p['day'], p['hour'], p['minute'], p['second']);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

function parseDateTime(s: string, tz: string): Date | undefined {
  const m = DATE_TIME.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac, zone] = m;
  const ms = frac ? Number(frac.slice(1, 4).padEnd(3, '0')) : 0;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), ms);
  const check = new Date(wall);
  // Reject 2024-02-30, 25:00 and the like (Date.UTC silently rolls them over).
  if (
    Number.isNaN(wall) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    check.getUTCHours() !== Number(h) ||
    check.getUTCMinutes() !== Number(mi)
  )
    return undefined;
  if (zone === 'Z') return check;
  if (zone) {
    const sign = zone[0] === '-' ? -1 : 1;
    const off = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
    return new Date(wall - off);
  }
  // No zone: wall-clock time in `tz`; two passes settle the offset around DST changes.
  const first = wall - zoneOffset(wall, tz);
  return new Date(wall - zoneOffset(first, tz));
}

/** Read a scalar; returns WrongShape when the text is not a valid lexical value of `kind`. */
export function parseScalar(kind: ScalarKind, text: string, tz: string): unknown {
  const s = text.trim();
  switch (kind) {
    case 'string':
      return text;
    case 'int': {
      const n = parseInteger(s);
      return n !== undefined && n >= INT32_MIN && n <= INT32_MAX ? Number(n) : new WrongShape(s);
    }
    case 'long': {
      const n = parseInteger(s);
      const max = BigInt(Number.MAX_SAFE_INTEGER);
      return n !== undefined && n <= max && n >= -max ? Number(n) : new WrongShape(s);
    }
    case 'decimal':
      return DECIMAL.test(s) && s.length <= 64 ? new Decimal(s) : new WrongShape(s);
    case 'boolean':
      return s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : new WrongShape(s);
    case 'dateTime':
      return parseDateTime(s, tz) ?? new WrongShape(s);
    case 'base64': {
      const compact = s.replace(/\s+/g, '');
      return compact.length % 4 === 0 && BASE64.test(compact)
        ? Buffer.from(compact, 'base64')
        : new WrongShape(s.slice(0, 40));
    }
  }
}

function invalid(path: string, kind: ScalarKind, v: unknown): never {
  throw new PckContractError(PckContractErrorCode.InvalidResponseValue, `${path}: expected ${kind}, got ${typeof v}`);
}

/** Write a scalar in canonical XSD form. Throws PckContractError for values of the wrong type. */
export function formatScalar(kind: ScalarKind, v: unknown, path: string): string {
  switch (kind) {
    case 'string':
      return typeof v === 'string' ? v : invalid(path, kind, v);
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX
        ? String(v)
        : invalid(path, kind, v);
    case 'long':
      return Number.isSafeInteger(v) ? String(v) : invalid(path, kind, v);
    case 'decimal':
      // toFixed() without arguments never uses exponent notation, as xs:decimal requires.
      return Decimal.isDecimal(v) && v.isFinite() ? v.toFixed() : invalid(path, kind, v);
    case 'boolean':
      return typeof v === 'boolean' ? String(v) : invalid(path, kind, v);
    case 'dateTime':
      return v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString() : invalid(path, kind, v);
    case 'base64':
      return v instanceof Uint8Array
        ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')
        : invalid(path, kind, v);
  }
}

/** A value for a required element the caller left out. */
export function defaultScalar(kind: ScalarKind): unknown {
  switch (kind) {
    case 'int':
    case 'long':
      return 0;
    case 'decimal':
      return new Decimal(0);
    case 'boolean':
      return false;
    case 'string':
      return '';
    case 'base64':
      return new Uint8Array(0);
    case 'dateTime':
      return new Date(0);
  }
}
