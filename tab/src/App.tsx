// The tab's frame: the header (pages, who is signed in, theme, the dev user switcher) and the page for the
// current route. Admin pages are loaded on demand (their charts are the heaviest code). A Teams deep link's
// subPageId opens that image once, after sign-in.
import { Suspense, lazy, useEffect, useRef } from 'react';
import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ImageCacheProvider, matchPath, useLocation, useNavigate, useSignedIn } from '@donatello/web';
import { generationIdFromDeepLink } from '@donatello/contracts';
import { AppHeader } from './shell/AppHeader.tsx';
import { NotAllowed, NotFound } from './shell/NotAllowed.tsx';
import { GalleryPage } from './gallery/GalleryPage.tsx';
import { CreatePage } from './create/CreatePage.tsx';
import { ConfigPage } from './shell/ConfigPage.tsx';
import { canSeeAdmin } from './routes.ts';

const AdminPages = lazy(() => import('./admin/AdminPages.tsx'));

const useStyles = makeStyles({
  app: {
    display: 'flex',
    flexDirection: 'column',
    height: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: { flex: '1 1 auto', minHeight: 0, display: 'flex', flexDirection: 'column', overflow: 'auto' },
  loading: { padding: tokens.spacingHorizontalXXL },
});

export function App() {
  const styles = useStyles();
  const { api, me, session } = useSignedIn();
  const { path } = useLocation();
  const navigate = useNavigate();
  const deepLinked = useRef(false);

  useEffect(() => {
    if (deepLinked.current) return;
    deepLinked.current = true;
    const id = generationIdFromDeepLink(session.deepLink);
    if (id) navigate(`/gallery/${id}`, { replace: true });
  }, [session.deepLink, navigate]);

  const section = path.split('/')[1] ?? 'gallery';
  let page;
  if (section === 'gallery') page = <GalleryPage openId={matchPath('/gallery/:id', path)?.id ?? null} />;
  else if (section === 'create') page = <CreatePage />;
  else if (section === 'config') page = <ConfigPage />;
  else if (section === 'admin') {
    page = canSeeAdmin(me.user.role) ? (
      <Suspense fallback={<Spinner className={styles.loading} label="Loading…" />}>
        <AdminPages />
      </Suspense>
    ) : (
      <NotAllowed what="the admin pages" />
    );
  } else page = <NotFound />;

  return (
    <ImageCacheProvider api={api}>
      <div className={styles.app}>
        <AppHeader section={section} />
        <main className={styles.main} id="main">
          {page}
        </main>
      </div>
    </ImageCacheProvider>
  );
}
