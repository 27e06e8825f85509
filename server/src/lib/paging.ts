import type { OffsetPage } from '@masar/shared';

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** One page of a list and its total, fetched together (the shape every table in the web app reads). */
export async function paged<T>(
  page: OffsetPage,
  rows: (limit: number, offset: number) => PromiseLike<T[]>,
  total: () => PromiseLike<{ n: number }[]>,
): Promise<Paged<T>> {
  const [items, [count]] = await Promise.all([rows(page.pageSize, (page.page - 1) * page.pageSize), total()]);
  return { items, total: count?.n ?? 0, page: page.page, pageSize: page.pageSize };
}
