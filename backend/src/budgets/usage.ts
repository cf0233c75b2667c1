// Spend analytics for a department (issue #4): usage grouped by provider, user or day, and a chargeback CSV
// per budget period. Read from the generation records (what was actually charged), page by page.
import { microsToAud } from '../domain/money.ts';
import type { DocumentStore } from '../ports/store.ts';
import type { GenerationRecord } from '../generations/record.ts';
import { csvRow } from '../audit/csv.ts';

export type GroupBy = 'provider' | 'user' | 'day';

export interface UsageRow {
  key: string;
  label: string;
  generations: number;
  images: number;
  costAud: string;
}

interface Acc {
  label: string;
  generations: number;
  images: number;
  micros: number;
}

async function* charged(
  store: DocumentStore,
  tenantId: string,
  departmentId: string,
  from: string,
  to: string,
) {
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof store.query<GenerationRecord>>> =
      await store.query<GenerationRecord>('generations', {
        pk: tenantId,
        where: [
          { field: 'departmentId', op: '=', value: departmentId },
          { field: 'status', op: '=', value: 'succeeded' },
          { field: 'finishedAt', op: '>=', value: from },
          { field: 'finishedAt', op: '<', value: to },
        ],
        orderBy: { field: 'createdKey', direction: 'asc' },
        limit: 200,
        cursor,
      });
    for (const d of page.items) yield d.data;
    cursor = page.nextCursor;
  } while (cursor);
}

const localDay = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );

export async function usage(
  store: DocumentStore,
  q: { tenantId: string; departmentId: string; from: string; to: string; groupBy: GroupBy; timeZone: string },
): Promise<{ rows: UsageRow[]; totalAud: string; generations: number }> {
  const groups = new Map<string, Acc>();
  let total = 0;
  let count = 0;
  for await (const g of charged(store, q.tenantId, q.departmentId, q.from, q.to)) {
    const [key, label] =
      q.groupBy === 'provider'
        ? [`${g.provider}/${g.model}`, `${g.provider} ${g.model}`]
        : q.groupBy === 'user'
          ? [g.owner.oid, g.owner.name]
          : [localDay(g.finishedAt!, q.timeZone), localDay(g.finishedAt!, q.timeZone)];
    const acc = groups.get(key) ?? { label, generations: 0, images: 0, micros: 0 };
    acc.generations++;
    acc.images += g.images.length;
    acc.micros += g.costMicros ?? 0;
    groups.set(key, acc);
    total += g.costMicros ?? 0;
    count++;
  }
  const rows = [...groups.entries()]
    .map(([key, a]) => ({
      key,
      label: a.label,
      generations: a.generations,
      images: a.images,
      costAud: microsToAud(a.micros),
      micros: a.micros,
    }))
    .sort((x, y) =>
      q.groupBy === 'day' ? x.key.localeCompare(y.key) : y.micros - x.micros || x.key.localeCompare(y.key),
    )
    .map(({ micros: _m, ...r }) => r);
  return { rows, totalAud: microsToAud(total), generations: count };
}

export const CHARGEBACK_COLUMNS = [
  'department',
  'period_start',
  'period_end',
  'user_object_id',
  'user_name',
  'generations',
  'images',
  'cost_aud',
];

/** One row per user for the period, plus a total row: what finance needs to recharge the cost centre. */
export async function chargebackCsv(
  store: DocumentStore,
  q: { tenantId: string; departmentId: string; from: string; to: string; timeZone: string },
): Promise<string> {
  const { rows, totalAud, generations } = await usage(store, { ...q, groupBy: 'user' });
  const start = localDay(q.from, q.timeZone);
  const end = localDay(q.to, q.timeZone);
  let out = csvRow(CHARGEBACK_COLUMNS);
  for (const r of rows)
    out += csvRow([q.departmentId, start, end, r.key, r.label, r.generations, r.images, r.costAud]);
  const images = rows.reduce((a, r) => a + r.images, 0);
  out += csvRow([q.departmentId, start, end, 'TOTAL', '', generations, images, totalAud]);
  return out;
}
