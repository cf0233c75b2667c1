// Recent images (issue #12): the person's own finished images, then their department's (for the roles that may
// see them), with a search over the prompts, to insert again without paying twice. A tile opens the image with
// the insert panel (RecentDetail).
import type { GenerationView } from '@donatello/contracts';
import { roleRank } from '@donatello/contracts';
import { Button, Field, SearchBox, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ImageTile, ProblemBar, formatDate, useNavigate, useSignedIn, type ApiClient } from '@donatello/web';
import { useEffect, useId, useState } from 'react';
import { useRecent, type RecentList } from './useRecent.ts';

const SEARCH_DEBOUNCE_MS = 300;

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))',
    gap: tokens.spacingHorizontalS,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function RecentPage() {
  const styles = useStyles();
  const { api, me } = useSignedIn();
  const [text, setText] = useState('');
  const query = useDebounced(text, SEARCH_DEBOUNCE_MS);
  const seesDepartment = roleRank(me.user.role) >= roleRank('power_user') && me.department !== null;
  const mine = useRecent(api, 'mine', query, true);
  const department = useRecent(api, 'department', query, seesDepartment, me.user.objectId);

  return (
    <div className={styles.page}>
      <h1 className={styles.title}>Recent images</h1>
      <Text className={styles.muted}>Insert an image again: it is already paid for.</Text>
      <Field label="Search by what the prompt says">
        <SearchBox value={text} onChange={(_e, d) => setText(d.value)} placeholder="koala" />
      </Field>
      <RecentSection title="Yours" list={mine} api={api} query={query} empty="You have no images yet." />
      {seesDepartment ? (
        <RecentSection
          title={`Your department's (${me.department?.name ?? ''})`}
          list={department}
          api={api}
          query={query}
          empty="Nobody else in your department has images yet."
          showOwner
        />
      ) : (
        <Text size={200} className={styles.muted}>
          Power users and managers also see their department&apos;s images here.
        </Text>
      )}
    </div>
  );
}

function RecentSection({
  title,
  list,
  query,
  empty,
  showOwner = false,
}: {
  title: string;
  list: RecentList;
  api: ApiClient;
  query: string;
  empty: string;
  showOwner?: boolean;
}) {
  const styles = useStyles();
  const navigate = useNavigate();
  const headingId = useId();
  const meta = (g: GenerationView) =>
    showOwner ? `${g.owner.displayName} · ${formatDate(g.createdAt)}` : formatDate(g.createdAt);
  return (
    <section className={styles.section} aria-labelledby={headingId} aria-busy={list.loading}>
      <h2 id={headingId} className={styles.heading}>
        {title}
      </h2>
      {list.error ? <ProblemBar error={list.error} /> : null}
      {list.items.length === 0 && !list.loading && !list.error ? (
        <Text className={styles.muted}>{query.trim() ? `Nothing matches “${query.trim()}”.` : empty}</Text>
      ) : null}
      <ul className={styles.grid} aria-labelledby={headingId}>
        {list.items.map((g) => (
          <li key={g.id}>
            <ImageTile
              image={g.images[0]!}
              alt={g.prompt}
              title={g.prompt}
              meta={meta(g)}
              onOpen={() => navigate(`/recent/${g.id}`)}
            />
          </li>
        ))}
      </ul>
      {list.loading ? <Spinner size="tiny" label="Loading…" /> : null}
      {list.more && !list.loading ? (
        <Button appearance="secondary" onClick={list.loadMore}>
          Show more
        </Button>
      ) : null}
    </section>
  );
}
