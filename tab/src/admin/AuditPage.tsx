// Audit: the tamper-evident trail, filtered and paged (newest first), with "Verify chain" (and the first broken
// record when there is one) and exports of what the filters match as JSONL or CSV. Managers see their own
// department's records only; the server enforces that whatever the filters say.
import type {
  AuditFilters,
  AuditRecordView,
  AuditVerifyView,
  DepartmentView,
  UserView,
} from '@donatello/contracts';
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, ShieldCheckmarkRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useState } from 'react';
import { ApiProblem, ProblemBar, formatDateTime, saveFile, useSignedIn } from '@donatello/web';
import { AuditFiltersForm, type FilterFields, EMPTY_FILTERS, toFilters } from './AuditFiltersForm.tsx';
import { AuditTable } from './AuditTable.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  hash: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

export function AuditPage({
  department,
  departments,
}: {
  department: DepartmentView | null;
  departments: DepartmentView[];
}) {
  const styles = useStyles();
  const { api } = useSignedIn();
  const [fields, setFields] = useState<FilterFields>(EMPTY_FILTERS);
  const [applied, setApplied] = useState<Partial<AuditFilters>>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<{ items: AuditRecordView[]; nextCursor: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [verify, setVerify] = useState<{ busy: boolean; result: AuditVerifyView | null; error: unknown }>({
    busy: false,
    result: null,
    error: null,
  });
  const [exportError, setExportError] = useState<unknown>(null);
  const [people, setPeople] = useState<UserView[]>([]);

  useEffect(() => {
    api.users({ limit: 200 }).then(
      (p) => setPeople(p.items),
      () => setPeople([]),
    );
  }, [api]);
  const names = useMemo(() => new Map(people.map((u) => [u.objectId, u.displayName])), [people]);

  const cursor = cursors[cursors.length - 1] ?? null;
  useEffect(() => {
    let live = true;
    setPage(null);
    setError(null);
    api.audit({ ...applied, limit: 25, cursor }).then(
      (p) => live && setPage(p),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, applied, cursor]);

  const filterErrors = error instanceof ApiProblem ? error.fieldErrors('query.') : {};
  const runVerify = async () => {
    setVerify({ busy: true, result: null, error: null });
    try {
      setVerify({ busy: false, result: await api.verifyAudit(), error: null });
    } catch (err) {
      setVerify({ busy: false, result: null, error: err });
    }
  };
  const runExport = async (format: 'jsonl' | 'csv') => {
    setExportError(null);
    try {
      const file = await api.exportAudit(applied, format);
      saveFile(file.blob, file.filename);
    } catch (err) {
      setExportError(err);
    }
  };

  const v = verify.result;
  return (
    <div className={styles.root}>
      <AuditFiltersForm
        fields={fields}
        onChange={setFields}
        onApply={() => {
          setApplied(toFilters(fields));
          setCursors([null]);
        }}
        onClear={() => {
          setFields(EMPTY_FILTERS);
          setApplied({});
          setCursors([null]);
        }}
        people={people}
        departments={department ? [department] : departments}
        errors={filterErrors}
      />
      <div className={styles.bar}>
        <Button icon={<ShieldCheckmarkRegular />} onClick={() => void runVerify()} disabled={verify.busy}>
          {verify.busy ? 'Verifying…' : 'Verify chain'}
        </Button>
        <Button icon={<ArrowDownloadRegular />} onClick={() => void runExport('jsonl')}>
          Export JSONL
        </Button>
        <Button icon={<ArrowDownloadRegular />} onClick={() => void runExport('csv')}>
          Export CSV
        </Button>
      </div>
      {v ? (
        <MessageBar intent={v.ok ? 'success' : 'error'} layout="multiline" role="status">
          <MessageBarBody>
            <MessageBarTitle>
              {v.ok ? 'The chain is intact' : `The chain is broken at record #${v.firstBrokenSeq}`}
            </MessageBarTitle>
            {v.ok
              ? ` ${v.checked} records checked; every hash links to the one before. Head hash `
              : ` ${v.checked} records check out before it. Last good hash `}
            <span className={styles.hash}>{v.headHash}</span>.
            {v.firstBroken ? (
              <Text as="p">
                Record #{v.firstBroken.seq} as stored now: {v.firstBroken.event.action} (
                {v.firstBroken.event.outcome}) at {formatDateTime(v.firstBroken.at)}, on{' '}
                {v.firstBroken.event.target.type} {v.firstBroken.event.target.id}.
              </Text>
            ) : !v.ok ? (
              <Text as="p">Record #{v.firstBrokenSeq} is missing from the store.</Text>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <ProblemBar error={verify.error} />
      <ProblemBar error={exportError} />
      {error ? <ProblemBar error={error} /> : null}
      {!page && !error ? <Spinner label="Loading the audit trail…" /> : null}
      {page ? (
        <>
          <AuditTable records={page.items} names={names} />
          <div className={styles.bar}>
            <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Newer
            </Button>
            <Text>Page {cursors.length}</Text>
            <Button disabled={!page.nextCursor} onClick={() => setCursors((c) => [...c, page.nextCursor])}>
              Older
            </Button>
          </div>
        </>
      ) : null}
    </div>
  );
}
