import { NopClientError, NopErrorCode } from './nop-client-error';
import { formatUtc } from './nop-date';

/** A `;`-separated id list: the only list form nop parses (a comma list is silently dropped). */
export class IdList {
  constructor(readonly ids: readonly number[]) {
    for (const id of ids) {
      if (!Number.isSafeInteger(id)) {
        throw new NopClientError(NopErrorCode.InvalidArgument, { shopMessage: `not an integer id: ${String(id)}` });
      }
    }
  }
  toString(): string {
    return this.ids.join(';');
  }
}

export const idList = (ids: readonly number[]): IdList => new IdList(ids);

export type QueryScalar = string | number | boolean | Date | IdList;
/** Arrays become repeated keys (`categoryIds=1&categoryIds=2`), as ASP.NET binds `int[]`. */
export type QueryValue = QueryScalar | readonly number[] | null | undefined;
export type Query = Record<string, QueryValue>;

function scalar(v: QueryScalar): string {
  if (v instanceof Date) return formatUtc(v);
  return String(v);
}

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly number[]) params.append(key, String(item));
    } else {
      params.append(key, scalar(value as QueryScalar));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** A path segment; id lists keep their raw `;` separators. */
export function seg(v: number | string | IdList): string {
  if (v instanceof IdList) return v.toString();
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v))
      throw new NopClientError(NopErrorCode.InvalidArgument, { shopMessage: `not an integer id: ${v}` });
    return String(v);
  }
  return encodeURIComponent(v);
}
