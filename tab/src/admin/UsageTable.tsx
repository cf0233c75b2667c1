// One usage grouping as a table: what each row cost, how many requests and images.
import type { UsageView } from '@donatello/contracts';
import {
  Card,
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
import { formatAud, formatDate } from '@donatello/web';

const useStyles = makeStyles({
  num: { textAlign: 'end' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function UsageTable({
  title,
  usage,
  keyLabel,
}: {
  title: string;
  usage: UsageView;
  keyLabel: string;
}) {
  const styles = useStyles();
  return (
    <Card>
      <Text weight="semibold" as="h2">
        {title}
      </Text>
      {usage.rows.length === 0 ? (
        <Text className={styles.muted}>No spend.</Text>
      ) : (
        <Table size="small" aria-label={`Spend ${title.toLowerCase()}`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{keyLabel}</TableHeaderCell>
              <TableHeaderCell className={styles.num}>Requests</TableHeaderCell>
              <TableHeaderCell className={styles.num}>Images</TableHeaderCell>
              <TableHeaderCell className={styles.num}>Cost</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {usage.rows.map((r) => (
              <TableRow key={r.key}>
                <TableCell>{usage.groupBy === 'day' ? formatDate(r.key) : r.label}</TableCell>
                <TableCell className={styles.num}>{r.generations}</TableCell>
                <TableCell className={styles.num}>{r.images}</TableCell>
                <TableCell className={styles.num}>{formatAud(r.costAud)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
