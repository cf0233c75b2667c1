// The gallery page is stitched from views remembered by record version (generations/view-cache.ts): a record
// that changes after it was listed must be listed as it is now, and the page must be the JSON res.json sends.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './support/host.ts';
import { testFetch } from './support/http.ts';
import { waitFor } from './support/timing.ts';

let host: TestHost;
let alice = '';
beforeAll(async () => {
  host = await startTestHost();
  alice = await host.token('alice');
});
afterAll(async () => {
  await host.stop();
});

const listed = async (id: string) => {
  const res = await host.call('GET', '/api/v1/generations?scope=mine', { token: alice });
  expect(res.status).toBe(200);
  return (res.body.items as { id: string; status: string }[]).find((g) => g.id === id);
};

it('lists a generation as it is now, after it was listed while still queued', async () => {
  const created = await host.call('POST', '/api/v1/generations', {
    token: alice,
    body: { prompt: 'a koala reading the gallery twice' },
  });
  expect(created.status).toBe(202);
  const id = created.body.id as string;
  // Listed (and so remembered) before it finished.
  expect((await listed(id))?.status).toMatch(/^(queued|running|succeeded)$/);
  const finished = await waitFor(
    async () => {
      const res = await host.call('GET', `/api/v1/generations/${id}`, { token: alice });
      return res.body.status === 'succeeded' ? res.body : undefined;
    },
    { what: 'the generation to succeed' },
  );
  expect(await listed(id)).toEqual(finished);

  expect((await host.call('DELETE', `/api/v1/generations/${id}`, { token: alice })).status).toBe(204);
  expect(await listed(id)).toBeUndefined();
});

it('answers the page as res.json would: compact JSON, its content type, the same ETag while unchanged', async () => {
  const made = await host.call('POST', '/api/v1/generations', {
    token: alice,
    body: { prompt: 'a koala on the first page' },
    headers: { prefer: 'wait=60' },
  });
  expect(made.status).toBe(201);
  const first = await host.call('GET', '/api/v1/generations?scope=mine&limit=1', { token: alice });
  expect(first.status).toBe(200);
  expect((first.body as { items: unknown[] }).items).toHaveLength(1);
  expect(first.text).toBe(JSON.stringify(first.body));
  expect(Object.keys(first.body as object)).toEqual(['items', 'nextCursor']);
  expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const etag = first.headers.get('etag');
  expect(etag).toMatch(/^W\/"/);
  const again = await host.call('GET', '/api/v1/generations?scope=mine&limit=1', { token: alice });
  expect(again.text).toBe(first.text);
  expect(again.headers.get('etag')).toBe(etag);
  // A caller holding the page gets 304; once another generation heads the page, a new tag and the new page.
  const held = await testFetch(`http://127.0.0.1:${host.port}/api/v1/generations?scope=mine&limit=1`, {
    // fetch would add `cache-control: no-cache` to a conditional request, which rules out a 304.
    headers: { authorization: `Bearer ${alice}`, 'if-none-match': etag!, 'cache-control': 'max-age=0' },
  });
  expect(held.status).toBe(304);
  await host.call('POST', '/api/v1/generations', {
    token: alice,
    body: { prompt: 'a wombat now heads the page' },
    headers: { prefer: 'wait=60' },
  });
  const changed = await host.call('GET', '/api/v1/generations?scope=mine&limit=1', { token: alice });
  expect(changed.text).not.toBe(first.text);
  expect(changed.headers.get('etag')).toMatch(/^W\/"/);
  expect(changed.headers.get('etag')).not.toBe(etag);
});
