// Where the page is, kept in the URL hash (`#/gallery/…`) or in memory. Never the History API's pushState:
// Office.js sets it to null in task panes, and Teams loads the tab at fixed URLs. A location is a path and a
// query, `/gallery?scope=department`.

export interface AppLocation {
  /** `/gallery/0b6f…` */
  path: string;
  /** `scope=department&q=koala` parsed. */
  query: URLSearchParams;
}

export interface AppHistory {
  current: () => AppLocation;
  push: (to: string) => void;
  replace: (to: string) => void;
  subscribe: (listener: () => void) => () => void;
  /** An href for a link to `to` (a hash, so "open in new tab" works), or null in memory. */
  href: (to: string) => string | null;
}

export function parseLocation(to: string): AppLocation {
  const [rawPath = '/', rawQuery = ''] = to.split('?', 2);
  const path = `/${rawPath.replace(/^\/+/, '')}`.replace(/\/+$/, '') || '/';
  return { path, query: new URLSearchParams(rawQuery) };
}

export function createHashHistory(win: Window = window): AppHistory {
  const listeners = new Set<() => void>();
  let cached: { hash: string; location: AppLocation } | null = null;
  const onChange = () => {
    for (const l of listeners) l();
  };
  return {
    current() {
      const hash = win.location.hash.replace(/^#/, '');
      // The same object while the hash is unchanged (useSyncExternalStore compares snapshots).
      if (cached?.hash !== hash) cached = { hash, location: parseLocation(hash) };
      return cached.location;
    },
    push(to) {
      win.location.hash = to;
    },
    replace(to) {
      const url = new URL(win.location.href);
      url.hash = to;
      win.location.replace(url.toString());
    },
    subscribe(listener) {
      if (listeners.size === 0) win.addEventListener('hashchange', onChange);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) win.removeEventListener('hashchange', onChange);
      };
    },
    href: (to) => `#${to}`,
  };
}

export function createMemoryHistory(initial = '/'): AppHistory {
  const listeners = new Set<() => void>();
  let location = parseLocation(initial);
  const set = (to: string) => {
    location = parseLocation(to);
    for (const l of listeners) l();
  };
  return {
    current: () => location,
    push: set,
    replace: set,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    href: () => null,
  };
}
