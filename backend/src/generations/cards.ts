// Where each generation's Teams card was posted (conversation and activity ids), so a change that happens later
// and elsewhere (an approver's decision, on any instance) can update the requester's card in place. Partition:
// the tenant id. Id: the generation id plus a hash of conversation and activity, so recording one card twice (a
// retried turn) is a no-op and a generation's cards are found with one query in the tenant's partition.
import { createHash } from 'node:crypto';
import type { DocData, DocumentStore } from '../ports/store.ts';

/** More copies than this are not recorded: a generation's card is posted once or a few times, never in bulk. */
export const MAX_CARDS_PER_GENERATION = 10;

export interface GenerationCardRecord extends DocData {
  tenantId: string;
  generationId: string;
  conversationId: string;
  activityId: string;
  /** The owner's Teams id (MRI), for the card's refresh list. */
  userId: string;
  serviceUrl: string;
  createdAt: string;
}

export type CardRef = Pick<GenerationCardRecord, 'conversationId' | 'activityId' | 'userId' | 'serviceUrl'>;

export class GenerationCardRepository {
  private readonly store: DocumentStore;
  constructor(store: DocumentStore) {
    this.store = store;
  }

  /** Records a card; false when it was already recorded or the generation has its cap of cards. */
  async save(tenantId: string, generationId: string, ref: CardRef): Promise<boolean> {
    const where = [{ field: 'generationId', op: '=' as const, value: generationId }];
    // Count-then-create can overshoot the cap by a concurrent save or two; the cap only bounds the fan-out
    // of one update, so that is harmless.
    if ((await this.store.count('cards', { pk: tenantId, where })) >= MAX_CARDS_PER_GENERATION) return false;
    const key = createHash('sha256').update(`${ref.conversationId}\n${ref.activityId}`).digest('hex');
    const rec: GenerationCardRecord = {
      tenantId,
      generationId,
      conversationId: ref.conversationId,
      activityId: ref.activityId,
      userId: ref.userId,
      serviceUrl: ref.serviceUrl,
      createdAt: new Date().toISOString(),
    };
    return (await this.store.create('cards', tenantId, `${generationId}:${key.slice(0, 32)}`, rec)) !== null;
  }

  /** The generation's recorded cards, oldest first. */
  async list(tenantId: string, generationId: string): Promise<GenerationCardRecord[]> {
    const page = await this.store.query<GenerationCardRecord>('cards', {
      pk: tenantId,
      where: [{ field: 'generationId', op: '=', value: generationId }],
      // Ordered by id (unique, as the cursor needs) and sorted here: there are at most a handful.
      limit: MAX_CARDS_PER_GENERATION,
    });
    return page.items.map((d) => d.data).sort((x, y) => x.createdAt.localeCompare(y.createdAt));
  }
}
