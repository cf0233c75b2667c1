// The header: the product, the pages this person may use, and on the right who is signed in (with the dev user
// switcher in development) and the theme switch where the host does not decide the theme.
import { Tab, TabList, Text, Tooltip, makeStyles, tokens, ToggleButton } from '@fluentui/react-components';
import { WeatherMoonRegular, WeatherSunnyRegular } from '@fluentui/react-icons';
import { DevUserSwitcher, roleLabel, useNavigate, useSignedIn, useTheme } from '@donatello/web';
import { canSeeAdmin } from '../routes.ts';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    color: tokens.colorBrandForeground1,
  },
  nav: { flex: '1 1 auto' },
  right: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  who: { color: tokens.colorNeutralForeground2 },
});

export function AppHeader({ section }: { section: string }) {
  const styles = useStyles();
  const { me, session } = useSignedIn();
  const navigate = useNavigate();
  const theme = useTheme();
  const dark = theme.theme === 'dark';
  return (
    <header className={styles.header}>
      <Text className={styles.brand} as="span">
        DonatelloAI
      </Text>
      <nav className={styles.nav} aria-label="Pages">
        <TabList
          selectedValue={section}
          onTabSelect={(_e, d) => navigate(d.value === 'admin' ? '/admin/budgets' : `/${String(d.value)}`)}
        >
          <Tab value="gallery">Gallery</Tab>
          <Tab value="create">Create</Tab>
          {canSeeAdmin(me.user.role) ? <Tab value="admin">Admin</Tab> : null}
        </TabList>
      </nav>
      <div className={styles.right}>
        {session.devSignIn ? (
          <DevUserSwitcher control={session.devSignIn} />
        ) : (
          <Text className={styles.who}>
            {me.user.displayName} · {roleLabel(me.user.role)}
          </Text>
        )}
        {theme.choice !== null ? (
          <Tooltip content={dark ? 'Use the light theme' : 'Use the dark theme'} relationship="label">
            <ToggleButton
              appearance="subtle"
              checked={dark}
              icon={dark ? <WeatherSunnyRegular /> : <WeatherMoonRegular />}
              onClick={() => theme.setChoice(dark ? 'light' : 'dark')}
            />
          </Tooltip>
        ) : null}
      </div>
    </header>
  );
}
