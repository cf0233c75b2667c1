// One list of recent finished images for the task pane: the caller's own or their department's, newest first,
// narrowed by words of the prompt, a page at a time. A new search cancels the one in flight, so the newest words
// always win.
import type { GenerationView } from '@donatello/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '@donatello/web';

export const RECENT_PAGE = 12;

export interface RecentList {
  items: GenerationView[];
  loading: boolean;
  error: unknown;
  more: boolean;
  loadMore: () => void;
}

export function useRecent(
  api: ApiClient,
  scope: 'mine' | 'department',
  query: string,
  enabled: boolean,
  /** Left out of the list (the caller's own images, under "Your department's"). */
  skipOwner: string | null = null,
): RecentList {
  const [items, setItems] = useState<GenerationView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(
    async (from: string | null, replace: boolean) => {
      controller.current?.abort();
      const c = new AbortController();
      controller.current = c;
      setLoading(true);
      try {
        const page = await api.generations(
          {
            scope,
            status: 'succeeded',
            limit: RECENT_PAGE,
            ...(query.trim() ? { q: query.trim() } : {}),
            ...(from ? { cursor: from } : {}),
          },
          c.signal,
        );
        if (c.signal.aborted) return;
        const usable = page.items.filter(
          (g) => g.images.length > 0 && (skipOwner === null || g.owner.objectId !== skipOwner),
        );
        setItems((prev) => (replace ? usable : [...prev, ...usable]));
        setCursor(page.nextCursor);
        setError(null);
      } catch (err) {
        if (!c.signal.aborted) setError(err);
      } finally {
        if (!c.signal.aborted) setLoading(false);
      }
    },
    [api, scope, query, skipOwner],
  );

  useEffect(() => {
    if (!enabled) return;
    void load(null, true);
    return () => controller.current?.abort();
  }, [enabled, load]);

  return {
    items,
    loading,
    error,
    more: cursor !== null,
    loadMore: () => {
      if (cursor && !loading) void load(cursor, false);
    },
  };
}
