// The gallery's list for one scope and search: pages of generations fetched by cursor as the grid scrolls,
// appended in order; a new scope or search starts afresh (and late pages for the old one are dropped).
import type { GenerationView } from '@donatello/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient, GenerationScope } from '@donatello/web';

export const PAGE_SIZE = 100;

export interface GalleryList {
  items: GenerationView[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  retry: () => void;
  remove: (id: string) => void;
}

export function useGalleryPages(api: ApiClient, scope: GenerationScope, q: string): GalleryList {
  const [items, setItems] = useState<GenerationView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(true);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const inFlight = useRef(false);

  const fetchPage = useCallback(
    (from: string | null, run: number) => {
      inFlight.current = true;
      setLoading(true);
      setError(null);
      api
        .generations({ scope, ...(q ? { q } : {}), limit: PAGE_SIZE, ...(from ? { cursor: from } : {}) })
        .then(
          (page) => {
            if (generation.current !== run) return;
            setItems((prev) => (from ? [...prev, ...page.items] : page.items));
            setCursor(page.nextCursor);
            setHasMore(page.nextCursor !== null);
          },
          (err: unknown) => {
            if (generation.current === run) setError(err);
          },
        )
        .finally(() => {
          if (generation.current !== run) return;
          inFlight.current = false;
          setLoading(false);
        });
    },
    [api, scope, q],
  );

  useEffect(() => {
    const run = ++generation.current;
    setItems([]);
    setCursor(null);
    setHasMore(true);
    fetchPage(null, run);
  }, [fetchPage]);

  const loadMore = useCallback(() => {
    if (inFlight.current || !hasMore || error || !cursor) return;
    fetchPage(cursor, generation.current);
  }, [cursor, hasMore, error, fetchPage]);

  const retry = useCallback(() => fetchPage(cursor, generation.current), [cursor, fetchPage]);
  const remove = useCallback((id: string) => setItems((prev) => prev.filter((g) => g.id !== id)), []);

  return { items, loading, error, hasMore, loadMore, retry, remove };
}
