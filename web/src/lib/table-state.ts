/**
 * Paging and sorting state of the server-paginated tables (DataTable, the dashboard's learners,
 * the hires): pure functions, so they are tested without React.
 */

/** Keeps a page number valid when the list shrinks under it (e.g. the last row of a page removed). */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(page, Math.max(1, Math.ceil(total / pageSize)));
}

/** A `?page=` value as a page number: 1 when it is missing, not a number, zero or negative. */
export function pageFromParam(raw: string | null): number {
  return Math.max(1, Number.parseInt(raw ?? '1', 10) || 1);
}

/** A `?sort=` value when it is one of `keys`, else `fallback`. */
export function sortFromParam<K extends string>(raw: string | null, keys: readonly K[], fallback: K): K {
  return keys.includes(raw as K) ? (raw as K) : fallback;
}

export interface SortState<K extends string> {
  sort: K;
  desc: boolean;
}

/**
 * The direction a click on a column header asks for (true = descending): the ascending column
 * turns descending; a descending or unsorted one is sorted ascending.
 */
export function descAfterClick(sorted: false | 'asc' | 'desc'): boolean {
  return sorted === 'asc';
}

/**
 * TanStack Table's next sorting state (`onSortingChange`) as the one sort the server knows: its
 * first column when that is one of `keys`, else null (nothing to ask the server for).
 */
export function sortFromTable<K extends string>(
  next: readonly { id: string; desc: boolean }[],
  keys: readonly K[],
): SortState<K> | null {
  const first = next[0];
  return first && (keys as readonly string[]).includes(first.id) ? { sort: first.id as K, desc: first.desc } : null;
}
