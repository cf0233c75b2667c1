// The pane's header, narrow enough for a task pane: the product, who is signed in (the development user
// switcher while DEV_AUTH is on), the theme switch where the host does not decide it (the browser preview), and
// the pages. Before sign-in (the help page opened from Office's "Help") it shows only what needs no sign-in.
import { Tab, TabList, Text, ToggleButton, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { WeatherMoonRegular, WeatherSunnyRegular } from '@fluentui/react-icons';
import { DevUserSwitcher, roleLabel, useAuth, useNavigate, useTheme } from '@donatello/web';
import { PANE_SECTIONS, type PaneSection } from './routes.ts';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  top: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
  },
  brand: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    color: tokens.colorBrandForeground1,
  },
  who: { color: tokens.colorNeutralForeground2 },
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
});

export function PaneHeader({ section }: { section: PaneSection }) {
  const styles = useStyles();
  const { state } = useAuth();
  const navigate = useNavigate();
  const theme = useTheme();
  const dark = theme.theme === 'dark';
  const signedIn = state.status === 'signed-in' ? state : null;
  const sections = signedIn ? PANE_SECTIONS : PANE_SECTIONS.filter((s) => s.key === 'help');
  return (
    <header className={styles.header}>
      <div className={styles.top}>
        <Text as="span" className={styles.brand}>
          DonatelloAI
        </Text>
        {theme.choice !== null ? (
          <Tooltip content={dark ? 'Use the light theme' : 'Use the dark theme'} relationship="label">
            <ToggleButton
              appearance="subtle"
              size="small"
              checked={dark}
              icon={dark ? <WeatherSunnyRegular /> : <WeatherMoonRegular />}
              onClick={() => theme.setChoice(dark ? 'light' : 'dark')}
            />
          </Tooltip>
        ) : null}
      </div>
      {signedIn?.session.devSignIn ? (
        <DevUserSwitcher control={signedIn.session.devSignIn} narrow />
      ) : signedIn ? (
        <Text size={200} className={styles.who}>
          {signedIn.me.user.displayName} · {roleLabel(signedIn.me.user.role)}
        </Text>
      ) : null}
      <nav aria-label="Pages" className={styles.tabs}>
        <TabList
          size="small"
          selectedValue={section}
          onTabSelect={(_e, d) => navigate(`/${String(d.value)}`)}
        >
          {sections.map((s) => (
            <Tab key={s.key} value={s.key}>
              {s.label}
            </Tab>
          ))}
        </TabList>
      </nav>
    </header>
  );
}
