// The offline preview (a plain browser, no Office): the task pane beside a simulated slide or page drawn by the
// BrowserHost, with a switch between the two, so a newcomer sees generate and insert work without Office and the
// browser tests can read what went in. Each surface keeps what was inserted into it across switches.
// Must not break: the surfaces are created once per mount and removed on unmount (React's strict mode mounts
// twice), so the page never shows two slides.
import { Radio, RadioGroup, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { createBrowserHost, type BrowserHost } from '../host/index.ts';
import { PaneShell } from '../pane/PaneShell.tsx';
import { PreviewSurfaceContext, type PreviewSurface } from './preview-surface.tsx';

const SURFACE_KEY = 'donatello.addin.previewSurface';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) 360px',
    height: '100vh',
    '@media (max-width: 720px)': { gridTemplateColumns: '1fr', gridTemplateRows: 'auto 1fr', height: 'auto' },
  },
  document: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXL,
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground3,
    minWidth: 0,
  },
  bar: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
  },
  title: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  stage: { width: '100%', maxWidth: '960px', alignSelf: 'center' },
  page: { maxWidth: '560px' },
  pane: {
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    minHeight: 0,
    height: '100vh',
    '@media (max-width: 720px)': { borderLeft: 'none', height: 'auto' },
  },
});

function savedSurface(): PreviewSurface {
  try {
    return sessionStorage.getItem(SURFACE_KEY) === 'page' ? 'page' : 'slide';
  } catch {
    return 'slide';
  }
}

export function PreviewLayout() {
  const styles = useStyles();
  const slideBox = useRef<HTMLDivElement>(null);
  const pageBox = useRef<HTMLDivElement>(null);
  const [hosts, setHosts] = useState<Record<PreviewSurface, BrowserHost> | null>(null);
  const [surface, setSurface] = useState<PreviewSurface>(savedSurface);

  useEffect(() => {
    const slide = createBrowserHost(slideBox.current!, { surface: 'slide' });
    const page = createBrowserHost(pageBox.current!, { surface: 'page' });
    setHosts({ slide, page });
    return () => {
      slide.surface.remove();
      page.surface.remove();
    };
  }, []);

  const choose = (next: PreviewSurface) => {
    setSurface(next);
    try {
      sessionStorage.setItem(SURFACE_KEY, next);
    } catch {
      // remembered for this page only
    }
  };

  return (
    <div className={styles.layout}>
      <section className={styles.document} aria-label="Preview document">
        <div className={styles.bar}>
          <Text className={styles.title}>Preview, without Office</Text>
          <RadioGroup
            layout="horizontal"
            aria-label="Preview as"
            value={surface}
            onChange={(_e, d) => choose(d.value === 'page' ? 'page' : 'slide')}
          >
            <Radio value="slide" label="PowerPoint slide" />
            <Radio value="page" label="Word page" />
          </RadioGroup>
        </div>
        <Text size={200} className={styles.muted}>
          Pictures go in by the same rules as in PowerPoint and Word: fitted in points, base64 under 5 MB,
          with their alt text. Sideload the add-in to use it in Office (see Help).
        </Text>
        <div ref={slideBox} className={styles.stage} hidden={surface !== 'slide'} />
        <div ref={pageBox} className={`${styles.stage} ${styles.page}`} hidden={surface !== 'page'} />
      </section>
      <div className={styles.pane}>
        {hosts ? (
          <PreviewSurfaceContext.Provider value={surface}>
            <PaneShell host={hosts[surface]} />
          </PreviewSurfaceContext.Provider>
        ) : (
          <Spinner label="Opening the preview…" />
        )}
      </div>
    </div>
  );
}
