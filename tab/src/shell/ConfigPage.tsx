// The configurable tab's settings page (appPackage: configurableTabs, /tab/config): a team or group chat adds the
// gallery as a tab. There is nothing to choose; Save is enabled at once.
import { useEffect } from 'react';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useSignedIn } from '@donatello/web';

const useStyles = makeStyles({
  root: {
    padding: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

export function ConfigPage() {
  const styles = useStyles();
  const { session } = useSignedIn();
  useEffect(() => {
    const base = new URL('.', location.href.split('#')[0]).toString().replace(/\/$/, '');
    session.configureTab?.({
      entityId: 'gallery',
      contentUrl: `${base}/gallery`,
      websiteUrl: `${base}/gallery`,
      name: 'DonatelloAI gallery',
    });
  }, [session]);
  return (
    <div className={styles.root}>
      <h1>Add the DonatelloAI gallery</h1>
      <Text>
        The tab shows the images made here and in your department, with a Create page. Select Save to add it.
      </Text>
      {session.kind !== 'teams' ? (
        <Text>(This page is meant to be opened by Teams when the tab is added.)</Text>
      ) : null}
    </div>
  );
}
