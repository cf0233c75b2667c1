// One page of audit records: when, what, who, on what, and the outcome; each row opens its full record (before,
// after, details, IP, request id, hashes) as it was chained.
import type { AuditRecordView } from '@donatello/contracts';
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { formatDateTime } from '@donatello/web';

const useStyles = makeStyles({
  wrap: {
    overflowX: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
  },
  pre: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    margin: 0,
    maxHeight: '60vh',
    overflowY: 'auto',
  },
  muted: { color: tokens.colorNeutralForeground3 },
  breakable: { overflowWrap: 'anywhere' },
});

const OUTCOME = { success: 'success', denied: 'warning', failure: 'danger' } as const;

export function actorName(r: AuditRecordView, names: Map<string, string>): string {
  const a = r.event.actor;
  return 'system' in a ? `system: ${a.system}` : (names.get(a.oid) ?? a.oid);
}

export function AuditTable({ records, names }: { records: AuditRecordView[]; names: Map<string, string> }) {
  const styles = useStyles();
  const [open, setOpen] = useState<AuditRecordView | null>(null);
  if (records.length === 0) return <Text className={styles.muted}>No records match these filters.</Text>;
  return (
    <div className={styles.wrap}>
      <Table size="small" aria-label="Audit records">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>#</TableHeaderCell>
            <TableHeaderCell>When</TableHeaderCell>
            <TableHeaderCell>Action</TableHeaderCell>
            <TableHeaderCell>Outcome</TableHeaderCell>
            <TableHeaderCell>Who</TableHeaderCell>
            <TableHeaderCell>Target</TableHeaderCell>
            <TableHeaderCell>Record</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {records.map((r) => (
            <TableRow key={r.seq}>
              <TableCell>{r.seq}</TableCell>
              <TableCell>{formatDateTime(r.at)}</TableCell>
              <TableCell className={styles.breakable}>{r.event.action}</TableCell>
              <TableCell>
                <Badge appearance="tint" color={OUTCOME[r.event.outcome]}>
                  {r.event.outcome}
                </Badge>
              </TableCell>
              <TableCell>{actorName(r, names)}</TableCell>
              <TableCell>
                {r.event.target.type} {/* Long ids (GUIDs) shortened; the full record is one click away. */}
                <span title={r.event.target.id}>
                  {r.event.target.id.length > 20 ? `${r.event.target.id.slice(0, 8)}…` : r.event.target.id}
                </span>
              </TableCell>
              <TableCell>
                <Button size="small" onClick={() => setOpen(r)} aria-label={`Show record ${r.seq}`}>
                  Show
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Dialog open={open !== null} onOpenChange={(_e, d) => !d.open && setOpen(null)}>
        <DialogSurface aria-label="Audit record">
          <DialogBody>
            <DialogTitle>Audit record #{open?.seq}</DialogTitle>
            <DialogContent>
              <pre className={styles.pre}>{open ? JSON.stringify(open, null, 2) : ''}</pre>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => setOpen(null)}>
                Close
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
