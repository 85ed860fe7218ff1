import type { Request } from 'express';
import { formatNopDate, parseNopDate } from './clock';
import { NopSimError, NopSimErrorCode, badBinding } from './nop-sim.exception';
import type { SimContext } from './context';

/** What a handler returns; the server turns it into the HTTP response (so faults can wrap it). */
export interface Reply {
  status: number;
  /** JSON body; `undefined` = empty body (what `Ok()` sends on Update/Delete). */
  body?: unknown;
  /** Raw body instead of JSON (picture binaries). */
  raw?: { contentType: string; data: Buffer };
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const okEmpty = (): Reply => ({ status: 200 });
/** ASP.NET Core turns `Ok(null)` into 204 No Content. */
export const noContent = (): Reply => ({ status: 204 });

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Handler = (req: Request, ctx: SimContext) => Reply | Promise<Reply>;

export interface RouteDef {
  method: Method;
  /** Path under /api-backend, e.g. `/Product/GetById/:id`. */
  path: string;
  handler: Handler;
  anonymous: boolean;
}

/** Collects route definitions; server.ts mounts them with auth, faults and call counting. */
export class Routes {
  readonly defs: RouteDef[] = [];
  get(path: string, handler: Handler, opts: { anonymous?: boolean } = {}): void {
    this.add('GET', path, handler, opts);
  }
  post(path: string, handler: Handler, opts: { anonymous?: boolean } = {}): void {
    this.add('POST', path, handler, opts);
  }
  put(path: string, handler: Handler): void {
    this.add('PUT', path, handler, {});
  }
  delete(path: string, handler: Handler): void {
    this.add('DELETE', path, handler, {});
  }
  private add(method: Method, path: string, handler: Handler, opts: { anonymous?: boolean }): void {
    this.defs.push({ method, path, handler, anonymous: opts.anonymous ?? false });
  }
}

// ---- query and path binding (ASP.NET Core model binding: names are case-insensitive) ----

function rawQuery(req: Request, name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const [key, value] of Object.entries(req.query as Record<string, unknown>)) {
    if (key.toLowerCase() !== lower) continue;
    if (Array.isArray(value)) out.push(...value.filter((v): v is string => typeof v === 'string'));
    else if (typeof value === 'string') out.push(value);
  }
  return out;
}

export function qStr(req: Request, name: string): string | undefined {
  return rawQuery(req, name)[0];
}

export function qRequired(req: Request, name: string): string {
  const v = qStr(req, name);
  if (v === undefined || v === '') throw badBinding(name, `The ${name} field is required.`);
  return v;
}

export function qInt(req: Request, name: string, def: number): number {
  const v = qStr(req, name);
  if (v === undefined || v === '') return def;
  if (!/^[+-]?\d+$/.test(v.trim())) throw badBinding(name, `The value '${v}' is not valid for ${name}.`);
  return Number.parseInt(v, 10);
}

export function qIntOrNull(req: Request, name: string): number | null {
  const v = qStr(req, name);
  return v === undefined || v === '' ? null : qInt(req, name, 0);
}

export function qNumber(req: Request, name: string, def: number): number {
  const v = qStr(req, name);
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isFinite(n)) throw badBinding(name, `The value '${v}' is not valid for ${name}.`);
  return n;
}

export function qBool(req: Request, name: string, def: boolean): boolean {
  return qBoolOrNull(req, name) ?? def;
}

export function qBoolOrNull(req: Request, name: string): boolean | null {
  const v = qStr(req, name);
  if (v === undefined || v === '') return null;
  const lower = v.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw badBinding(name, `The value '${v}' is not valid for ${name}.`);
  return lower === 'true';
}

/** A date query value; returned as a stored-format string (UTC, no zone) for comparisons. */
export function qDate(req: Request, name: string): string | null {
  const v = qStr(req, name);
  if (v === undefined || v === '') return null;
  const d = parseNopDate(v);
  if (!d) throw badBinding(name, `The value '${v}' is not valid for ${name}.`);
  return formatNopDate(d);
}

/** Repeated keys (`categoryIds=5&categoryIds=7`), the way `List<int>` binds from a query. */
export function qIntRepeated(req: Request, name: string): number[] {
  return rawQuery(req, name).map((v) => {
    if (!/^[+-]?\d+$/.test(v.trim())) throw badBinding(name, `The value '${v}' is not valid.`);
    return Number.parseInt(v, 10);
  });
}

/** Enum query parameters bind by name (`SimpleProduct`) or by number. */
export function qEnum(req: Request, name: string, values: Record<string, number>): number | null {
  const v = qStr(req, name);
  if (v === undefined || v === '') return null;
  if (/^\d+$/.test(v)) return Number(v);
  const hit = Object.entries(values).find(([k]) => k.toLowerCase() === v.toLowerCase());
  if (!hit) throw badBinding(name, `The value '${v}' is not valid for ${name}.`);
  return hit[1];
}

export function pathInt(req: Request, name: string): number {
  const v = String((req.params as Record<string, string>)[name] ?? '');
  if (!/^[+-]?\d+$/.test(v) || Math.abs(Number(v)) > 2147483647) {
    throw badBinding(name, `The value '${v}' is not valid.`);
  }
  return Number.parseInt(v, 10);
}

/** GetById-style id: a bare `BadRequest()` when it is not positive. */
export function pathId(req: Request, name = 'id'): number {
  const id = pathInt(req, name);
  if (id <= 0) throw new NopSimError(NopSimErrorCode.BadRequest, `${name} <= 0`);
  return id;
}

export function pathStr(req: Request, name: string): string {
  return String((req.params as Record<string, string>)[name] ?? '');
}

/** Actions whose `[FromBody]` is a plain string (attributes XML): the body must be a JSON string. */
export function bodyString(req: Request, allowEmpty = true): string {
  const body: unknown = req.body;
  if (typeof body === 'string') return body;
  if ((body === undefined || body === null) && allowEmpty) return '';
  throw badBinding('', 'The JSON value could not be converted to System.String.');
}

// ---- paging ----

export const INT_MAX = 2147483647;

export interface PagedList<T> {
  page_index: number;
  page_size: number;
  total_count: number;
  total_pages: number;
  has_previous_page: boolean;
  has_next_page: boolean;
  items: T[];
}

/** nop's `PagedList`: 0-based index, size clamped to >= 1, default int.MaxValue. */
export function paged<T>(all: T[], pageIndex: number, pageSize: number, onlyTotalCount = false): PagedList<T> {
  const size = Math.max(1, pageSize);
  const index = Math.max(0, pageIndex);
  const total = all.length;
  const totalPages = Math.ceil(total / size);
  const start = index * size;
  return {
    page_index: index,
    page_size: size,
    total_count: total,
    total_pages: totalPages,
    has_previous_page: index > 0,
    has_next_page: index + 1 < totalPages,
    items: onlyTotalCount ? [] : all.slice(start, start + size),
  };
}

export function pageArgs(req: Request, defSize = INT_MAX): { pageIndex: number; pageSize: number } {
  return { pageIndex: qInt(req, 'pageIndex', 0), pageSize: qInt(req, 'pageSize', defSize) };
}
