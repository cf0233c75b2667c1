// Shows the pages only once someone is signed in; until then, what is happening: connecting, a Sign in button
// when the host needs a click (popup), or what went wrong with a way to try again.
import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Fragment, type ReactNode } from 'react';
import { ProblemBar } from '../components/ProblemBar.tsx';
import { useAuth } from './AuthProvider.tsx';

const useStyles = makeStyles({
  centre: {
    minHeight: '60vh',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    textAlign: 'center',
  },
  box: {
    maxWidth: '480px',
    width: '100%',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

export function SignInGate({
  children,
  productName = 'DonatelloAI',
}: {
  children: ReactNode;
  productName?: string;
}) {
  const { state, signIn, refresh } = useAuth();
  const styles = useStyles();
  switch (state.status) {
    case 'signed-in':
      // Keyed by the person: a switch of dev user starts every page afresh.
      return <Fragment key={state.me.user.id}>{children}</Fragment>;
    case 'connecting':
    case 'signing-in':
      return (
        <main className={styles.centre}>
          <Spinner label={state.status === 'connecting' ? `Opening ${productName}…` : 'Signing in…'} />
        </main>
      );
    case 'needs-interaction':
      return (
        <main className={styles.centre}>
          <div className={styles.box}>
            <Text as="h1" size={600} weight="semibold">
              Sign in to {productName}
            </Text>
            <Text>Use your work account. A window opens to sign you in.</Text>
            <Button appearance="primary" onClick={signIn}>
              Sign in
            </Button>
          </div>
        </main>
      );
    case 'failed':
      return (
        <main className={styles.centre}>
          <div className={styles.box}>
            <Text as="h1" size={600} weight="semibold">
              {productName} could not sign you in
            </Text>
            <ProblemBar error={state.error} />
            {state.session ? (
              <Button onClick={refresh}>Try again</Button>
            ) : (
              <Button onClick={() => location.reload()}>Reload</Button>
            )}
          </div>
        </main>
      );
  }
}
