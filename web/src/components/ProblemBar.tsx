// The one way a page shows a failure: a Fluent MessageBar that says what happened in a person's words, keyed on
// the problem's stable code, with the server's detail (which says e.g. how much budget is left) and the request
// id for support. Prompt findings are listed by type and position, never by the text that matched.
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ApiProblem } from '../api/problem.ts';
import { describeFinding } from '../format.ts';
import { InteractionRequiredError } from '../host/types.ts';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
  ref: { display: 'block', color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalXS },
});

export interface ProblemText {
  title: string;
  message: string | null;
  intent: 'error' | 'warning';
}

function retryText(seconds: number | null): string {
  if (seconds === null) return 'Try again in a moment.';
  if (seconds < 90) return `Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  return `Try again in ${Math.ceil(seconds / 60)} minutes.`;
}

/** What to tell a person about an error; exported for the pages that show problems inline. */
export function problemText(error: unknown): ProblemText {
  if (error instanceof InteractionRequiredError) {
    return { title: 'Sign in again', message: error.message, intent: 'warning' };
  }
  if (!(error instanceof ApiProblem)) {
    return {
      title: 'Something went wrong',
      message: error instanceof Error ? error.message : String(error),
      intent: 'error',
    };
  }
  const p = error;
  switch (p.code) {
    case 'rate-limited':
      return {
        title: 'Too many requests',
        message: `${p.detail ?? 'You have sent a lot of requests.'} ${retryText(p.retryAfterSeconds)}`,
        intent: 'warning',
      };
    case 'budget-exceeded':
      return { title: "Your department's budget does not cover this", message: p.detail, intent: 'error' };
    case 'prompt-blocked':
      return { title: 'This prompt cannot be used', message: p.detail, intent: 'error' };
    case 'no-provider-available':
    case 'service-unavailable':
      return {
        title: 'Image generation is unavailable right now',
        message: `${p.detail ? `${p.detail}. ` : ''}${retryText(p.retryAfterSeconds)}`.replace('.. ', '. '),
        intent: 'warning',
      };
    case 'validation-failed':
      return {
        title: 'Check the highlighted fields',
        message: p.errors.length ? null : p.detail,
        intent: 'error',
      };
    case 'forbidden':
      return { title: 'You are not allowed to do this', message: p.detail, intent: 'error' };
    case 'no-department':
      return {
        title: 'You are not in a department yet',
        message: 'Ask an admin to add you to one: images are charged to a department budget.',
        intent: 'warning',
      };
    case 'unauthorized':
      return { title: 'Your sign-in has expired', message: p.detail, intent: 'warning' };
    case 'not-found':
      return { title: 'Not found', message: p.detail, intent: 'error' };
    case 'already-decided':
    case 'approval-expired':
    case 'conflict':
    case 'idempotency-key-reused':
      return { title: p.title, message: p.detail, intent: 'warning' };
    case 'network-error':
      return { title: p.title, message: p.detail, intent: 'error' };
    default:
      return { title: p.title, message: p.detail, intent: 'error' };
  }
}

export function ProblemBar({ error, className }: { error: unknown; className?: string }) {
  const styles = useStyles();
  if (!error) return null;
  const text = problemText(error);
  const problem = error instanceof ApiProblem ? error : null;
  const findings = problem?.code === 'prompt-blocked' ? problem.findings : [];
  return (
    <MessageBar intent={text.intent} layout="multiline" className={className} aria-live="polite">
      <MessageBarBody>
        <MessageBarTitle>{text.title}</MessageBarTitle>
        {text.message ? ` ${text.message}` : null}
        {findings.length > 0 ? (
          <ul className={styles.list} aria-label="What was found">
            {findings.map((f, i) => (
              <li key={i}>{describeFinding(f)}</li>
            ))}
          </ul>
        ) : null}
        {problem?.requestId && problem.status >= 500 ? (
          <Text size={200} className={styles.ref}>
            Reference: {problem.requestId}
          </Text>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
