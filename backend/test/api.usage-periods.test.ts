// Usage and chargeback over chosen periods, as docs/api.md promises: `usage?from=&to=` counts what finished in
// [from, to) (offsets honoured, the end exclusive), and `chargeback.csv?period=` reports exactly one budget
// period, named in the file name; a date off the reset day is a 400. A generation that finished last period
// is written as the worker would have left it (a copy of a real one, finished a month earlier).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodFor } from '../src/budgets/period.ts';
import type { GenerationRecord } from '../src/generations/record.ts';
import { testFetch } from './support/http.ts';
import { startTestHost, type TestHost } from './support/host.ts';

let host: TestHost;
let fiona = '';
let dave = '';
let daveOid = '';
/** Finance's generation of this period, and the copy that finished in the previous one. */
let now: { id: string; finishedAt: string };
let earlier: { id: string; finishedAt: string };
const current = () => periodFor(new Date(), 1, 'Australia/Sydney'); // finance: reset day 1, Sydney
const previous = () => periodFor(new Date(current().start.getTime() - 1), 1, 'Australia/Sydney');

beforeAll(async () => {
  host = await startTestHost();
  [fiona, dave] = [await host.token('fiona'), await host.token('dave')];
  daveOid = (await host.call('GET', '/api/v1/me', { token: dave })).body.user.objectId;
  const res = await host.call('POST', '/api/v1/generations', {
    token: dave,
    body: { prompt: 'a quarterly chart' },
    headers: { prefer: 'wait=60' },
  });
  expect(res.status).toBe(201);
  now = { id: res.body.id, finishedAt: res.body.finishedAt };
  const tenant = host.config.identity.dev.tenantId;
  const doc = (await host.store.get<GenerationRecord>('generations', tenant, now.id))!;
  const finishedAt = new Date(previous().start.getTime() + 86_400_000).toISOString();
  earlier = { id: randomUUID(), finishedAt };
  await host.store.create<GenerationRecord>('generations', tenant, earlier.id, {
    ...doc.data,
    createdAt: finishedAt,
    createdKey: `${finishedAt}|${earlier.id}`,
    updatedAt: finishedAt,
    finishedAt,
  });
});
afterAll(async () => {
  await host?.stop();
});

const usage = async (query: string) =>
  host.call('GET', `/api/v1/departments/finance/usage?groupBy=user&${query}`, { token: fiona });
const chargeback = (query = '') =>
  testFetch(`http://127.0.0.1:${host.port}/api/v1/departments/finance/chargeback.csv${query}`, {
    headers: { authorization: `Bearer ${fiona}` },
  });
/** `iso` written with a +10:00 offset (the same instant). */
const inBrisbane = (iso: string) => {
  const local = new Date(Date.parse(iso) + 10 * 3_600_000).toISOString().slice(0, -1);
  return `${local}+10:00`;
};
const q = (from: string, to: string) => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

describe('usage from and to', () => {
  it('by default, the current period: this period’s generation, not last period’s', async () => {
    const res = await usage('');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      from: current().start.toISOString(),
      to: current().end.toISOString(),
      generations: 1,
      totalAud: '0.0200',
    });
  });

  it('[from, to): the start is included, the end is not, whatever offset they are written in', async () => {
    const at = Date.parse(now.finishedAt);
    const ms = (d: number) => new Date(at + d).toISOString();
    expect((await usage(q(now.finishedAt, ms(1)))).body.generations).toBe(1);
    expect((await usage(q(inBrisbane(now.finishedAt), inBrisbane(ms(1))))).body.generations).toBe(1);
    expect((await usage(q(ms(1), ms(3_600_000)))).body.generations).toBe(0);
    expect((await usage(q(ms(-3_600_000), now.finishedAt))).body.generations).toBe(0);
    // A range over both periods holds both generations.
    const both = await usage(q(previous().start.toISOString(), current().end.toISOString()));
    expect(both.body).toMatchObject({ generations: 2, totalAud: '0.0400' });
    expect(both.body.rows).toEqual([
      { key: daveOid, label: 'Dave Wilson', generations: 2, images: 2, costAud: '0.0400' },
    ]);
  });

  it('refuses from after to, and a date-time without an offset', async () => {
    const later = new Date(Date.parse(now.finishedAt) + 1000).toISOString();
    const backwards = await usage(q(later, now.finishedAt));
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors.map((e: { path: string }) => e.path)).toContain('query.from');
    const local = await usage(q('2026-11-01T00:00:00', '2026-12-01T00:00:00'));
    expect(local.status).toBe(400);
  });
});

describe('chargeback ?period=', () => {
  const rows = async (res: Awaited<ReturnType<typeof chargeback>>) => (await res.text()).trim().split('\r\n');

  it('the current period by default, named in the file name', async () => {
    const res = await chargeback();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="chargeback-finance-${current().key}.csv"`,
    );
    const [, dave, total] = await rows(res);
    expect(dave).toBe(
      `finance,${current().key},${periodFor(current().end, 1, 'Australia/Sydney').key},${daveOid},Dave Wilson,1,1,0.0200`,
    );
    expect(total).toMatch(/,TOTAL,,1,1,0\.0200$/);
  });

  it('?period= the previous period: only what finished then', async () => {
    const res = await chargeback(`?period=${previous().key}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="chargeback-finance-${previous().key}.csv"`,
    );
    const [, dave, total] = await rows(res);
    expect(dave).toBe(`finance,${previous().key},${current().key},${daveOid},Dave Wilson,1,1,0.0200`);
    expect(total).toMatch(/,TOTAL,,1,1,0\.0200$/);
  });

  it('a period that does not start on the reset day is a 400 naming query.period', async () => {
    const res = await chargeback(`?period=${previous().key.slice(0, 8)}02`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path)).toEqual(['query.period']);
  });
});
