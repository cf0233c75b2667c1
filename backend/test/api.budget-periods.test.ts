// Budget periods as docs/budgets.md promises them, through the REST API: a reservation commits in the period
// (counter) it was taken from even when the department's reset day changes while the image is being made; a
// new resetDay or timeZone starts a new counter; and the forecast's exhaustsOn is a date in the department's
// time zone. OpenAI (a local fake the test can hold) is the only provider, so a generation stays in flight
// exactly as long as the test needs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetCounter, ReservationDoc } from '../src/budgets/counter.ts';
import { startFakeOpenAI, type FakeOpenAI } from './fakes/openai-fake.ts';
import { startTestHost, type TestHost } from './support/host.ts';
import { waitFor } from './support/timing.ts';

let openai: FakeOpenAI;
let host: TestHost;
const t: Record<string, string> = {};
beforeAll(async () => {
  openai = await startFakeOpenAI();
  host = await startTestHost({
    LOCAL_PROVIDER: 'off',
    OPENAI_API_KEY: openai.apiKey,
    OPENAI_BASE_URL: openai.baseURL,
    OPENAI_MODELS: 'dall-e-3', // A$0.08 an image
    RATE_LIMITS: 'standard_user=1000,power_user=1000,dept_manager=1000,org_admin=1000,super_admin=1000',
  });
  for (const u of ['alice', 'dave', 'carol', 'erin']) t[u] = await host.token(u);
});
afterAll(async () => {
  await host?.stop();
  await openai?.stop();
});

const me = async (user: string) => (await host.call('GET', '/api/v1/me', { token: t[user] })).body;
const setBudget = async (dept: string, budget: Record<string, unknown>) =>
  expect(
    (await host.call('PATCH', `/api/v1/departments/${dept}`, { token: t.erin, body: { budget } })).status,
  ).toBe(200);
const generate = (user: string, prompt: string, wait = true) =>
  host.call('POST', '/api/v1/generations', {
    token: t[user],
    body: { prompt },
    headers: wait ? { prefer: 'wait=60' } : {},
  });
async function countersOf(dept: string): Promise<BudgetCounter[]> {
  const page = await host.store.query<BudgetCounter>('budgets', {
    where: [{ field: 'departmentId', op: '=', value: dept }],
    orderBy: { field: 'createdAt', direction: 'asc' },
  });
  return page.items.map((d) => d.data);
}
/** The ids of the department's open reservations (each one a document of its own, budgets/counter.ts). */
async function reservationsOf(dept: string): Promise<string[]> {
  const page = await host.store.query<ReservationDoc>('budgets', {
    where: [
      { field: 'kind', op: '=', value: 'reservation' },
      { field: 'counter.departmentId', op: '=', value: dept },
    ],
  });
  return page.items.map((d) => d.data.reservationId);
}
/** The local date at `at` in `timeZone`, YYYY-MM-DD. */
const dateIn = (timeZone: string, at = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

describe('a reservation settles in its own period', () => {
  it('the reset day changes while the image is made: the charge lands in the counter it was reserved in', async () => {
    let answer = () => {};
    openai.hold = new Promise<void>((r) => (answer = r));
    const asked = openai.requests.length;
    try {
      const started = await generate('alice', 'a koala counting coins', false);
      expect(started.status).toBe(202);
      // The provider has the request: the money is reserved in this period's counter.
      await waitFor(() => openai.requests.length > asked, { what: 'the provider to be asked' });
      const [reservedIn] = await countersOf('marketing');
      expect(reservedIn).toMatchObject({ reserved: 80_000, spent: 0 });
      expect(await reservationsOf('marketing')).toEqual([started.body.id]);

      await setBudget('marketing', { resetDay: 15 });
      // The new period has its own counter: empty, holding only the new settings (the change writes them through).
      expect((await me('alice')).budget).toMatchObject({ spentAud: '0.0000', reservedAud: '0.0000' });
      answer();
      await waitFor(
        async () =>
          (await host.call('GET', `/api/v1/generations/${started.body.id}`, { token: t.alice })).body
            .status === 'succeeded',
        { what: 'the held generation to succeed' },
      );
    } finally {
      openai.hold = null;
      answer();
    }
    const [settled, ...others] = await countersOf('marketing');
    expect(settled).toMatchObject({
      period: expect.stringMatching(/-01$/),
      spent: 80_000,
      reserved: 0,
    });
    expect(await reservationsOf('marketing')).toEqual([]);
    expect(others).toHaveLength(1);
    expect(others[0]).toMatchObject({
      period: expect.stringMatching(/-15$/),
      spent: 0,
      reserved: 0,
    });
    expect((await me('alice')).budget.spentAud).toBe('0.0000');

    // The next charge goes to the new period's counter.
    expect((await generate('alice', 'a koala counting more coins')).status).toBe(201);
    const counters = await countersOf('marketing');
    expect(counters.map((c) => [c.period.slice(8), c.spent])).toEqual([
      ['01', 80_000],
      ['15', 80_000],
    ]);
    expect((await me('alice')).budget.spentAud).toBe('0.0800');
  });
});

describe('a new time zone starts a new counter', () => {
  it('spend so far stays in the old counter; the department counts again from zero', async () => {
    expect((await generate('dave', 'a ledger at dusk')).status).toBe(201);
    const before = (await me('dave')).budget;
    expect(before).toMatchObject({ spentAud: '0.0800', period: { timeZone: 'Australia/Sydney' } });

    await setBudget('finance', { timeZone: 'Australia/Perth' });
    const after = (await me('dave')).budget;
    // The period still starts on the 1st, now at midnight in Perth; its counter is a new one.
    expect(after).toMatchObject({ spentAud: '0.0000', period: { timeZone: 'Australia/Perth' } });
    expect(after.period.start).not.toBe(before.period.start);

    expect((await generate('dave', 'a ledger at dawn')).status).toBe(201);
    const counters = await countersOf('finance');
    expect(counters.map((c) => [c.timeZone, c.spent])).toEqual([
      ['Australia/Sydney', 80_000],
      ['Australia/Perth', 80_000],
    ]);
    expect((await me('dave')).budget.spentAud).toBe('0.0800');
  });
});

describe("the forecast's exhaustsOn", () => {
  it("is a date in the department's time zone, not in UTC", async () => {
    // Two zones 25 hours apart: at any moment the date in at least one of them differs from the UTC date.
    let differsFromUtc = false;
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      await setBudget('engineering', { limitAud: '0', mode: 'warn', timeZone });
      const before = dateIn(timeZone);
      const { exhaustsOn } = (await me('carol')).budget.forecast; // nothing remains: exhausted today
      const after = dateIn(timeZone);
      expect([before, after]).toContain(exhaustsOn);
      if (exhaustsOn !== dateIn('UTC')) differsFromUtc = true;
    }
    expect(differsFromUtc).toBe(true);
  });
});
