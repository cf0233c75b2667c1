// An <img> for an API image path: fetched with the bearer token through the page's ImageCache.
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ImgHTMLAttributes,
  type ReactNode,
} from 'react';
import type { ApiClient } from '../api/client.ts';
import { ImageCache } from './image-cache.ts';

const CacheContext = createContext<ImageCache | null>(null);

export function ImageCacheProvider({
  api,
  capacity,
  children,
}: {
  api: ApiClient;
  capacity?: number;
  children: ReactNode;
}) {
  const cache = useMemo(() => new ImageCache(api, capacity), [api, capacity]);
  useEffect(() => () => cache.clear(), [cache]);
  return <CacheContext.Provider value={cache}>{children}</CacheContext.Provider>;
}

export type ImageState = { status: 'loading' } | { status: 'loaded'; src: string } | { status: 'failed' };

export function useAuthedImage(path: string | null): ImageState {
  const cache = useContext(CacheContext);
  if (!cache) throw new Error('useAuthedImage outside ImageCacheProvider');
  const [state, setState] = useState<ImageState>({ status: 'loading' });
  useEffect(() => {
    if (!path) return;
    setState({ status: 'loading' });
    const lease = cache.acquire(path);
    let live = true;
    lease.url.then(
      (src) => live && setState({ status: 'loaded', src }),
      () => live && setState({ status: 'failed' }),
    );
    return () => {
      live = false;
      lease.release();
    };
  }, [cache, path]);
  return state;
}

export function AuthedImage({
  path,
  alt,
  fallback = null,
  ...rest
}: { path: string; alt: string; fallback?: ReactNode } & Omit<
  ImgHTMLAttributes<HTMLImageElement>,
  'src' | 'alt'
>) {
  const state = useAuthedImage(path);
  if (state.status !== 'loaded') return <>{fallback}</>;
  return <img {...rest} src={state.src} alt={alt} />;
}
