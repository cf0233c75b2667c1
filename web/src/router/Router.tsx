// React bindings of AppHistory: the current location, navigation, and a link that works with either history.
import { createContext, useContext, useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import { Link as FluentLink, type LinkProps } from '@fluentui/react-components';
import type { AppHistory, AppLocation } from './history.ts';

const HistoryContext = createContext<AppHistory | null>(null);

export function RouterProvider({ history, children }: { history: AppHistory; children: ReactNode }) {
  return <HistoryContext.Provider value={history}>{children}</HistoryContext.Provider>;
}

export function useHistory(): AppHistory {
  const h = useContext(HistoryContext);
  if (!h) throw new Error('useHistory outside RouterProvider');
  return h;
}

export function useLocation(): AppLocation {
  const h = useHistory();
  return useSyncExternalStore(h.subscribe, h.current);
}

export function useNavigate(): (to: string, opts?: { replace?: boolean }) => void {
  const h = useHistory();
  return (to, opts) => (opts?.replace ? h.replace(to) : h.push(to));
}

/** Matches `/gallery/:id` against a path: the named parts, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = decodeURIComponent(have[i]!);
    if (w.startsWith(':')) params[w.slice(1)] = h;
    else if (w !== h) return null;
  }
  return params;
}

export interface RouteLinkProps {
  to: string;
  children: ReactNode;
  className?: string;
  appearance?: LinkProps['appearance'];
  inline?: boolean;
  'aria-current'?: 'page' | undefined;
}

export function RouteLink({ to, children, ...rest }: RouteLinkProps) {
  const h = useHistory();
  return (
    <FluentLink
      {...rest}
      href={h.href(to) ?? '#'}
      onClick={(e: MouseEvent) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        h.push(to);
      }}
    >
      {children}
    </FluentLink>
  );
}
