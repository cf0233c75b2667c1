// The dev tenant is seeded once: restarts neither duplicate it nor undo what an admin changed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startTestHost } from './support/host.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('seeds idempotently across restarts and keeps admin changes; tokens survive a restart', async () => {
  const first = await startTestHost({}, dir);
  expect(await first.store.count('users', {})).toBe(6);
  expect(await first.store.count('departments', {})).toBe(3);
  const carol = await first.token('carol');
  const patched = await first.call('PATCH', '/api/v1/departments/finance', {
    token: carol,
    body: { budget: { limitAud: '7' } },
  });
  expect(patched.status).toBe(200);
  await first.stop();

  const second = await startTestHost({}, dir);
  expect(await second.store.count('users', {})).toBe(6);
  expect(await second.store.count('departments', {})).toBe(3);
  // The dev signing key is kept under the data directory, so a token from before the restart still works.
  const res = await second.call('GET', '/api/v1/departments/finance', { token: carol });
  expect(res.status).toBe(200);
  expect(res.body.budget.limitAud).toBe('7.0000');
  await second.stop();
});
