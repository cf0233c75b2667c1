// What a page says when its URL is reached by someone who may not use it (a bookmark, a pasted link): plainly
// not allowed, why, and the way back. The server refuses the data anyway.
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { RouteLink, roleLabel, useSignedIn } from '@donatello/web';

const useStyles = makeStyles({
  root: {
    padding: tokens.spacingHorizontalXXL,
    maxWidth: '720px',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

export function NotAllowed({ what }: { what: string }) {
  const styles = useStyles();
  const { me } = useSignedIn();
  return (
    <div className={styles.root}>
      <h1>Not allowed</h1>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>You are not allowed to see {what}</MessageBarTitle>
          You are signed in as {me.user.displayName} ({roleLabel(me.user.role)}). Department managers and
          admins run budgets, approvals, usage, the audit trail and people. Ask one of them if you need
          access.
        </MessageBarBody>
      </MessageBar>
      <RouteLink to="/gallery">Back to the gallery</RouteLink>
    </div>
  );
}

export function NotFound() {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <h1>Page not found</h1>
      <RouteLink to="/gallery">Go to the gallery</RouteLink>
    </div>
  );
}
