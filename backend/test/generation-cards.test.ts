// Where generation cards were posted (generations/cards.ts), on both store adapters: a card is
// recorded once however often its turn is retried, a generation keeps at most MAX_CARDS_PER_GENERATION, and
// tenants and generations never see each other's cards.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CosmosStore } from '../src/adapters/cosmos/cosmos-store.ts';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import type { DocumentStore } from '../src/ports/store.ts';
import { GenerationCardRepository, MAX_CARDS_PER_GENERATION } from '../src/generations/cards.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-cards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const adapters: [string, () => Promise<DocumentStore>][] = [
  ['sqlite', async () => new SqliteStore(join(dir, `${randomUUID()}.db`))],
  [
    'cosmos',
    async () => {
      const { endpoint, key } = inject('cosmos');
      return CosmosStore.open({ endpoint, key, database: `cards-${randomUUID()}`, allowSelfSigned: true });
    },
  ],
];

const ref = (activityId: string, conversationId = '19:group@thread.v2') => ({
  conversationId,
  activityId,
  userId: '29:alice',
  serviceUrl: 'https://smba.trafficmanager.net/teams',
});

describe.each(adapters)('generation cards on %s', (_name, open) => {
  it('records a card once, lists it, and keeps tenants and generations apart', async () => {
    const store = await open();
    try {
      const cards = new GenerationCardRepository(store);
      const g = randomUUID();
      expect(await cards.save('tenant-a', g, ref('1'))).toBe(true);
      expect(await cards.save('tenant-a', g, ref('1'))).toBe(false); // a retried turn
      expect(await cards.save('tenant-a', g, ref('1', 'a:personal'))).toBe(true); // same id, other chat
      const listed = await cards.list('tenant-a', g);
      // Oldest first; two saved in the same millisecond may come either way.
      expect(listed.map((c) => [c.conversationId, c.activityId]).sort()).toEqual([
        ['19:group@thread.v2', '1'],
        ['a:personal', '1'],
      ]);
      expect(listed[0]).toMatchObject({ generationId: g, userId: '29:alice' });
      expect(await cards.list('tenant-b', g)).toEqual([]);
      expect(await cards.list('tenant-a', randomUUID())).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('keeps at most the cap per generation', async () => {
    const store = await open();
    try {
      const cards = new GenerationCardRepository(store);
      const g = randomUUID();
      for (let i = 0; i < MAX_CARDS_PER_GENERATION + 3; i++) await cards.save('tenant-a', g, ref(String(i)));
      expect(await cards.list('tenant-a', g)).toHaveLength(MAX_CARDS_PER_GENERATION);
    } finally {
      await store.close();
    }
  });
});
