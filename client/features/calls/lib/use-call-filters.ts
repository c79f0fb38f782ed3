import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseFilters, toSearchParams, type CallFilters } from './call-filters.ts';

/**
 * The calls page's filters, read from and written to the URL. Typing in the
 * search box replaces the history entry; other changes push one, so Back
 * steps through the views the analyst chose.
 */
export function useCallFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const setFilters = useCallback(
    (change: Partial<CallFilters>, options: { replace?: boolean } = {}) => {
      setParams((current) => toSearchParams({ ...parseFilters(current), ...change }), { replace: options.replace ?? false });
    },
    [setParams],
  );
  return [filters, setFilters] as const;
}
