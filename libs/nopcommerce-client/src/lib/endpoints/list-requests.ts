import type { HttpTransport } from '../http-transport';
import { paginate } from '../paging';
import type { Query } from '../query-string';
import type { PagedList } from '../wire-types';

/** A read-only GET answering a JSON array; an empty reply (204) means no rows. */
export async function getList<T>(http: HttpTransport, path: string, query?: Query): Promise<T[]> {
  return (await http.send<T[]>({ method: 'GET', path, query, idempotent: true })) ?? [];
}

/** Every row of a paged read-only GET; `query` is sent on each page with that page's index and size. */
export function getAllPages<T>(http: HttpTransport, path: string, query: Query, pageSize: number): AsyncGenerator<T> {
  return paginate(
    (pageIndex, ps) =>
      http.send<PagedList<T>>({ method: 'GET', path, query: { ...query, pageIndex, pageSize: ps }, idempotent: true }),
    pageSize,
  );
}
