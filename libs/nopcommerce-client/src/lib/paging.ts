import { NopClientError, NopErrorCode } from './nop-client-error';
import type { PagedList } from './wire-types';

export const DEFAULT_PAGE_SIZE = 100;

/**
 * Walks a paged nop list. `pageSize` is always sent: nop's default is int.MaxValue (everything at once).
 */
export async function* paginate<T>(
  fetchPage: (pageIndex: number, pageSize: number) => Promise<PagedList<T>>,
  pageSize: number = DEFAULT_PAGE_SIZE,
): AsyncGenerator<T, void, undefined> {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new NopClientError(NopErrorCode.InvalidArgument, {
      shopMessage: `pageSize must be a positive integer, got ${pageSize}`,
    });
  }
  for (let pageIndex = 0; ; pageIndex++) {
    const page = await fetchPage(pageIndex, pageSize);
    const items = page.items ?? [];
    for (const item of items) yield item;
    const hasNext =
      page.has_next_page ??
      (page.total_pages !== undefined ? pageIndex + 1 < page.total_pages : items.length === pageSize);
    if (!hasNext || items.length === 0) return;
  }
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
