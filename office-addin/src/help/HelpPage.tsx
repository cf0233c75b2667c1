// The add-in's help page (`taskpane.html#/help`): where the manifest's SupportUrl and the GetStarted callout's
// "learn more" lead, and the pane's own Help tab. It needs no sign-in, so it works in a browser too.
// Keep it true: every message named here is one the pane really shows (host/errors.ts, office-common.ts).
import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { RouteLink } from '@donatello/web';
import { HELP_PROBLEMS } from './help-problems.ts';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '720px',
    lineHeight: tokens.lineHeightBase300,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  heading: {
    margin: `${tokens.spacingVerticalM} 0 0`,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  term: { fontWeight: tokens.fontWeightSemibold, marginTop: tokens.spacingVerticalS },
  definition: { margin: `0 0 0 ${tokens.spacingHorizontalL}` },
});

export function HelpPage({ signedIn }: { signedIn: boolean }) {
  const styles = useStyles();
  return (
    <article className={styles.page} aria-labelledby="help-title">
      <h1 id="help-title" className={styles.title}>
        DonatelloAI for PowerPoint and Word
      </h1>
      <Text>
        Generate an image from a description and put it on your slide or in your document, sized to fit and
        with alt text, without leaving PowerPoint or Word. Your department&apos;s budget pays for it.
      </Text>
      {signedIn ? (
        <Text>
          <RouteLink to="/create">Create an image</RouteLink> ·{' '}
          <RouteLink to="/recent">Recent images</RouteLink>
        </Text>
      ) : null}

      <h2 className={styles.heading}>Create and insert</h2>
      <ol className={styles.list}>
        <li>
          Click where the image should go: a slide (or an empty picture placeholder), or a place in the text.
        </li>
        <li>
          Describe the image. The shape starts as the one that suits your slide (wide for 16:9, square for
          4:3, tall for portrait slides); the price and what your department has left update as you type.
        </li>
        <li>Select Generate. Most images take a few seconds.</li>
        <li>
          Check the alt text (it starts as “AI-generated image: ” and your description), or tick Mark as
          decorative for an image that only adds visual interest. Then select Insert.
        </li>
      </ol>
      <Text>
        PowerPoint centres the picture on the slide with a half-inch margin (or fills the selected picture
        placeholder); Word puts it at the cursor, as wide as the text. The picture keeps a record of the
        generation it came from, so anyone can trace it.
      </Text>

      <h2 className={styles.heading}>Budgets and approvals</h2>
      <Text>
        Every image is charged to your department. When a request would go over a soft limit, it waits until
        one of your managers approves it; the pane names them and updates by itself when they decide. Over a
        hard limit the request is refused and nothing is charged. Prompts with personal information (email
        addresses, phone numbers, tax file numbers and the like) are refused: the pane says what was found and
        where, so you can remove it.
      </Text>

      <h2 className={styles.heading}>Insert again without paying</h2>
      <Text>
        Recent images lists your own images, and for power users and managers their department&apos;s, with a
        search. Inserting one again costs nothing. When an identical request was made in your department in
        the last 30 days, the price card offers that image instead.
      </Text>

      <h2 className={styles.heading}>When something goes wrong</h2>
      <dl>
        {HELP_PROBLEMS.map((p) => (
          <div key={p.says}>
            <dt className={styles.term}>{p.says}</dt>
            <dd className={styles.definition}>{p.todo}</dd>
          </div>
        ))}
      </dl>

      <h2 className={styles.heading}>Privacy</h2>
      <Text>
        Prompts are checked and kept with personal information removed in the audit trail; images are stored
        by your organisation&apos;s DonatelloAI service and carry provenance (they are marked as AI-generated
        in the file itself). Nothing is sent anywhere else than the image provider your department allows.
      </Text>
      <Text>
        Other questions: ask your DonatelloAI administrator, or see{' '}
        <Link
          href="https://support.microsoft.com/office/add-alternative-text-to-a-shape-picture-chart-smartart-graphic-or-other-object-44989b2a-903c-4d9a-b742-6a75b451c669"
          target="_blank"
          rel="noreferrer"
        >
          Microsoft&apos;s guide to alt text
        </Link>
        .
      </Text>
    </article>
  );
}
