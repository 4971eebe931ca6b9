import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The page of a paged list, kept in the URL (`?page=2`; absent on page 1) so Back and shared links keep
 * it. `goTo` adds a history entry and scrolls to the top; with `replace` it rewrites the current entry
 * instead and leaves the scroll where it is.
 */
export function usePageParam(): { page: number; goTo: (page: number, options?: { replace?: boolean }) => void } {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const goTo = useCallback(
    (p: number, { replace = false }: { replace?: boolean } = {}) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (p > 1) next.set('page', String(p));
          else next.delete('page');
          return next;
        },
        { replace },
      );
      if (!replace) window.scrollTo({ top: 0 });
    },
    [setParams],
  );
  return { page, goTo };
}

/** How many pages a paged answer has (1 while it loads). */
export function pageCount(data: { total: number; pageSize: number } | undefined): number {
  return data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
}
