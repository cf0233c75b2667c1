// Gallery (issue #11): mine / my department / all by role, search by prompt words, the virtualised grid, and the
// detail of one image (/gallery/:id, also where a bot card's deep link lands). Scope and search live in the URL,
// so a copied link opens the same view.
import type { GenerationView } from '@donatello/contracts';
import {
  Button,
  SearchBox,
  Skeleton,
  SkeletonItem,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import {
  ProblemBar,
  RouteLink,
  useLocation,
  useNavigate,
  useSignedIn,
  type GenerationScope,
} from '@donatello/web';
import { galleryScopes } from '../routes.ts';
import { GalleryGrid } from './GalleryGrid.tsx';
import { ImageDetail } from './ImageDetail.tsx';
import { useGalleryPages } from './useGalleryPages.ts';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', flex: '1 1 auto', minHeight: 0 },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} 0`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  search: { flex: '0 1 320px', minWidth: '200px' },
  count: { color: tokens.colorNeutralForeground3, marginLeft: 'auto' },
  state: {
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    alignItems: 'flex-start',
  },
  skeletons: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
    gap: '16px',
    padding: '16px',
    width: '100%',
    boxSizing: 'border-box',
  },
  skeletonTile: { aspectRatio: '1 / 1', width: '100%', height: 'auto' },
});

const SCOPE_LABELS: Record<GenerationScope, string> = {
  mine: 'Mine',
  department: 'My department',
  all: 'Everyone',
};

export function GalleryPage({ openId }: { openId: string | null }) {
  const styles = useStyles();
  const { api, me } = useSignedIn();
  const { query } = useLocation();
  const navigate = useNavigate();
  const scopes = galleryScopes(me.user.role);
  const asked = query.get('scope') as GenerationScope | null;
  const scope: GenerationScope = asked && scopes.includes(asked) ? asked : 'mine';
  const q = query.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  const list = useGalleryPages(api, scope, q);

  const hrefFor = (s: GenerationScope, text: string) => {
    const p = new URLSearchParams();
    if (s !== 'mine') p.set('scope', s);
    if (text) p.set('q', text);
    const qs = p.toString();
    return `/gallery${qs ? `?${qs}` : ''}`;
  };
  // Search as you type, a moment after the last key.
  useEffect(() => {
    const text = typed.trim();
    if (text === q) return;
    const t = setTimeout(() => navigate(hrefFor(scope, text), { replace: true }), 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed]);

  const back = hrefFor(scope, q);
  const open = (g: GenerationView) => navigate(`/gallery/${g.id}${back.slice('/gallery'.length)}`);

  let body;
  if (list.items.length === 0 && list.loading) {
    body = (
      <Skeleton className={styles.skeletons} aria-label="Loading images">
        {Array.from({ length: 8 }, (_, i) => (
          <SkeletonItem key={i} className={styles.skeletonTile} />
        ))}
      </Skeleton>
    );
  } else if (list.items.length === 0 && list.error) {
    body = (
      <div className={styles.state}>
        <ProblemBar error={list.error} />
        <Button onClick={list.retry}>Try again</Button>
      </div>
    );
  } else if (list.items.length === 0) {
    body = (
      <div className={styles.state}>
        <Text as="h2" size={500} weight="semibold">
          {q ? `Nothing matches “${q}”` : scope === 'mine' ? 'No images yet' : 'No images here yet'}
        </Text>
        <Text>{q ? 'Try other words from the prompt.' : 'Images you create appear here.'}</Text>
        <RouteLink to="/create">Create an image</RouteLink>
      </div>
    );
  } else {
    body = (
      <>
        <GalleryGrid
          items={list.items}
          hasMore={list.hasMore && !list.error}
          onNearEnd={list.loadMore}
          onOpen={open}
          label={`${SCOPE_LABELS[scope]}: images${q ? ` matching “${q}”` : ''}`}
        />
        {list.error ? (
          <div className={styles.state}>
            <ProblemBar error={list.error} />
            <Button onClick={list.retry}>Load more</Button>
          </div>
        ) : null}
      </>
    );
  }

  return (
    <div className={styles.page}>
      <div className={styles.bar}>
        <h1 className={styles.title}>Gallery</h1>
        {scopes.length > 1 ? (
          <TabList
            size="small"
            selectedValue={scope}
            onTabSelect={(_e, d) => navigate(hrefFor(d.value as GenerationScope, q))}
            aria-label="Whose images"
          >
            {scopes.map((s) => (
              <Tab key={s} value={s}>
                {SCOPE_LABELS[s]}
              </Tab>
            ))}
          </TabList>
        ) : null}
        <SearchBox
          className={styles.search}
          placeholder="Search prompts"
          aria-label="Search prompts"
          value={typed}
          onChange={(_e, d) => setTyped(d.value)}
        />
        <Text className={styles.count} aria-live="polite">
          {list.items.length > 0 ? `${list.items.length}${list.hasMore ? '+' : ''} shown` : ''}
        </Text>
      </div>
      {body}
      {openId ? (
        <ImageDetail
          id={openId}
          known={list.items.find((g) => g.id === openId) ?? null}
          onClose={() => navigate(back)}
          onDeleted={(id) => {
            list.remove(id);
            navigate(back);
          }}
        />
      ) : null}
    </div>
  );
}
