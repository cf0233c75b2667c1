// Approvals queue: requests waiting for a decision first (approve or reject, with an optional comment), then the
// ones already decided, with who decided and when. A decision someone else made first comes back as the API's
// "already approved by …" message and the list refreshes.
import type { ApprovalView } from '@donatello/contracts';
import {
  Badge,
  Button,
  Card,
  CardHeader,
  Field,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { ApiProblem, ProblemBar, formatAud, formatDateTime, useSignedIn } from '@donatello/web';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '960px' },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  prompt: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  comment: { flex: '1 1 260px' },
  muted: { color: tokens.colorNeutralForeground3 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

const STATUS_COLOR = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  expired: 'subtle',
} as const;

export function ApprovalsPage() {
  const styles = useStyles();
  const { api, me } = useSignedIn();
  const [pending, setPending] = useState<ApprovalView[] | null>(null);
  const [decided, setDecided] = useState<ApprovalView[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    Promise.all([api.approvals({ status: 'pending', limit: 100 }), api.approvals({ limit: 50 })]).then(
      ([p, all]) => {
        setPending(p.items);
        setDecided(all.items.filter((a) => a.status !== 'pending'));
        setError(null);
      },
      (err: unknown) => setError(err),
    );
  }, [api]);
  useEffect(load, [load]);

  if (error && !pending) return <ProblemBar error={error} />;
  if (!pending || !decided) return <Spinner label="Loading approvals…" />;
  return (
    <div className={styles.root}>
      <section aria-labelledby="pending-h">
        <h2 id="pending-h" className={styles.h2}>
          Waiting for a decision ({pending.length})
        </h2>
        {pending.length === 0 ? (
          <Text className={styles.muted}>Nothing is waiting. Requests over a soft limit appear here.</Text>
        ) : (
          <ul className={styles.list}>
            {pending.map((a) => (
              <li key={a.id}>
                <PendingApproval
                  approval={a}
                  mine={a.requester.objectId === me.user.objectId}
                  approver={a.approvers.some((p) => p.objectId === me.user.objectId)}
                  onDecided={load}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="decided-h">
        <h2 id="decided-h" className={styles.h2}>
          Decided
        </h2>
        {decided.length === 0 ? (
          <Text className={styles.muted}>No decisions yet.</Text>
        ) : (
          <ul className={styles.list}>
            {decided.map((a) => (
              <li key={a.id}>
                <Card>
                  <CardHeader
                    header={
                      <Text weight="semibold">
                        {a.requester.displayName}, {formatAud(a.amountAud)} ({a.departmentName})
                      </Text>
                    }
                    description={
                      <Text className={styles.muted}>
                        {a.decidedBy
                          ? `${a.status === 'approved' ? 'Approved' : 'Rejected'} by ${a.decidedBy.displayName} on ${formatDateTime(a.decidedAt)}`
                          : `Expired ${formatDateTime(a.expiresAt)}`}
                        {a.comment ? `: “${a.comment}”` : ''}
                      </Text>
                    }
                    action={
                      <Badge appearance="tint" color={STATUS_COLOR[a.status]}>
                        {a.status}
                      </Badge>
                    }
                  />
                  <Text className={styles.prompt}>{a.prompt}</Text>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function PendingApproval({
  approval: a,
  mine,
  approver,
  onDecided,
}: {
  approval: ApprovalView;
  mine: boolean;
  /** Named on the request: only they may decide it (the API refuses anyone else). */
  approver: boolean;
  onDecided: () => void;
}) {
  const styles = useStyles();
  const { api } = useSignedIn();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    setError(null);
    try {
      await api.decide(a.id, decision, comment.trim() || undefined);
      onDecided();
    } catch (err) {
      setError(err);
      if (err instanceof ApiProblem && (err.code === 'already-decided' || err.code === 'approval-expired'))
        onDecided();
    } finally {
      setBusy(false);
    }
  };
  const errors = error instanceof ApiProblem ? error.fieldErrors() : {};
  return (
    <Card aria-label={`Request from ${a.requester.displayName}`}>
      <CardHeader
        header={
          <Text weight="semibold">
            {a.requester.displayName} asks for {formatAud(a.amountAud)} over {a.departmentName}'s limit
          </Text>
        }
        description={
          <Text className={styles.muted}>
            Asked {formatDateTime(a.createdAt)}; expires {formatDateTime(a.expiresAt)}
          </Text>
        }
      />
      <Text className={styles.prompt}>{a.prompt}</Text>
      {mine ? (
        <Text className={styles.muted}>This is your own request: someone else must decide it.</Text>
      ) : !approver ? (
        <Text className={styles.muted}>
          Waiting for {a.approvers.map((p) => p.displayName).join(' or ') || 'an approver'} to decide.
        </Text>
      ) : (
        <div className={styles.actions}>
          <Field
            label="Comment (optional)"
            className={styles.comment}
            validationState={errors.comment ? 'error' : 'none'}
            validationMessage={errors.comment}
          >
            <Textarea value={comment} onChange={(_e, d) => setComment(d.value)} rows={1} resize="vertical" />
          </Field>
          <Button appearance="primary" disabled={busy} onClick={() => void decide('approve')}>
            Approve
          </Button>
          <Button disabled={busy} onClick={() => void decide('reject')}>
            Reject
          </Button>
        </div>
      )}
      <ProblemBar error={error} />
    </Card>
  );
}
