import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type SortOrder = 'asc' | 'desc';
export type ListState<F extends string> = {
  page: number;
  pageSize: number;
  sort: string;
  order: SortOrder;
  filters: Record<F, string | undefined>;
};

/**
 * A list's paging, sorting and filters, kept in the address bar so that Back, reload and a
 * shared link show the same page. Changing a filter goes back to page 1.
 */
export function useListState<F extends string>(
  filterNames: readonly F[],
  defaults: { sort: string; order?: SortOrder; pageSize?: number },
) {
  const [params, setParams] = useSearchParams();
  const state = useMemo<ListState<F>>(() => {
    const filters = Object.fromEntries(filterNames.map((f) => [f, params.get(f) ?? undefined])) as Record<
      F,
      string | undefined
    >;
    return {
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: Math.min(200, Math.max(1, Number(params.get('pageSize')) || defaults.pageSize || 20)),
      sort: params.get('sort') ?? defaults.sort,
      order:
        params.get('order') === 'desc'
          ? 'desc'
          : params.get('order') === 'asc'
            ? 'asc'
            : (defaults.order ?? 'asc'),
      filters,
    };
  }, [params, filterNames, defaults.sort, defaults.order, defaults.pageSize]);

  const update = useCallback(
    (patch: Partial<Record<F | 'page' | 'pageSize' | 'sort' | 'order', string | number | undefined>>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          const touchesFilter = Object.keys(patch).some((k) =>
            (filterNames as readonly string[]).includes(k),
          );
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (touchesFilter) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams, filterNames],
  );
  return [state, update] as const;
}
