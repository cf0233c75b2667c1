// The task pane itself: header and the current page, for one document host (PowerPoint, Word, or the preview's
// slide or page). Help needs no sign-in; every other page is behind the shared SignInGate.
import { makeStyles, tokens } from '@fluentui/react-components';
import { ImageCacheProvider, SignInGate, matchPath, useAuth, useLocation } from '@donatello/web';
import type { ReactNode } from 'react';
import type { OfficeHost } from '../host/index.ts';
import { CreatePage } from '../create/CreatePage.tsx';
import { HelpPage } from '../help/HelpPage.tsx';
import { RecentDetail } from '../recent/RecentDetail.tsx';
import { RecentPage } from '../recent/RecentPage.tsx';
import { DocumentHostProvider } from './document-host.tsx';
import { PaneHeader } from './PaneHeader.tsx';
import { sectionOf } from './routes.ts';

const useStyles = makeStyles({
  // The header stays put and the page scrolls under it: a task pane is short, and the pages are long.
  pane: {
    display: 'flex',
    flexDirection: 'column',
    height: '100vh',
    minHeight: 0,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  main: {
    flex: '1 1 auto',
    minHeight: 0,
    overflowY: 'auto',
    padding: tokens.spacingHorizontalM,
  },
});

function Layout({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const { path } = useLocation();
  return (
    <div className={styles.pane}>
      <PaneHeader section={sectionOf(path)} />
      <main id="main" className={styles.main}>
        {children}
      </main>
    </div>
  );
}

function SignedInPage() {
  const { api } = useAuth();
  const { path } = useLocation();
  const detail = matchPath('/recent/:id', path);
  const section = sectionOf(path);
  return (
    <ImageCacheProvider api={api}>
      <Layout>
        {detail ? (
          <RecentDetail id={detail.id!} />
        ) : section === 'recent' ? (
          <RecentPage />
        ) : section === 'help' ? (
          <HelpPage signedIn />
        ) : (
          <CreatePage />
        )}
      </Layout>
    </ImageCacheProvider>
  );
}

export function PaneShell({ host }: { host: OfficeHost }) {
  const { path } = useLocation();
  const { state } = useAuth();
  return (
    <DocumentHostProvider host={host}>
      {sectionOf(path) === 'help' && state.status !== 'signed-in' ? (
        <Layout>
          <HelpPage signedIn={false} />
        </Layout>
      ) : (
        <SignInGate>
          <SignedInPage />
        </SignInGate>
      )}
    </DocumentHostProvider>
  );
}
