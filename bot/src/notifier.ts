// The backend's Notifier port, implemented with proactive messages: each recipient's saved 1:1 conversation
// gets a card. Approvers get Approve and Reject; managers get threshold alerts. On a decision the requester's
// own /imagine card (wherever it was posted) is updated in place to show it, and when approved followed to the
// result; only a request without a recorded card (the REST API) gets a separate 1:1 decision card. Sent in the
// background, so an approver's click or a worker's commit never waits for Teams; best effort per recipient,
// and failures are logged.
import type { App } from '@microsoft/teams.apps';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { ApprovalView, GenerationView } from '@donatello/contracts';
import type { BotNotification, BotUser, GenerationCardRef, StoredConversation } from './deps.ts';
import { approvalCard, decisionCard } from './cards/approval.ts';
import { deletedCard } from './cards/generation.ts';
import { asProblem } from './problems.ts';
import { thresholdCard } from './cards/threshold.ts';
import type { BotContext } from './handlers/context.ts';
import { follow, inProgress } from './handlers/imagine.ts';
import type { Reply } from './handlers/reply.ts';
import { cardMessage } from './handlers/turn.ts';
import { generationCard, viewerOf } from './handlers/views.ts';

interface Recipient {
  objectId: string;
  conversation: StoredConversation;
}

export class TeamsNotifier {
  private readonly app: App;
  private readonly b: BotContext;
  constructor(app: App, b: BotContext) {
    this.app = app;
    this.b = b;
  }

  private replyTo(conversationId: string, shared: boolean): Reply {
    return {
      shared,
      send: async (card) => (await this.app.send(conversationId, cardMessage(card))).id,
      update: async (activityId, card) => {
        await this.app.api.conversations.updateActivity(conversationId, activityId, cardMessage(card));
      },
    };
  }

  async notify(n: BotNotification): Promise<void> {
    this.b.tasks.run(`notify ${n.kind}`, () => this.deliverAll(n));
  }

  private async deliverAll(n: BotNotification): Promise<void> {
    const failures: unknown[] = [];
    let to = [...new Set(n.to)];
    if (
      n.kind === 'approval.decided' &&
      (await this.updateRequesterCards(n.tenantId, n.approval, failures))
    ) {
      // The requester sees the decision on the card they asked from; a second card in the 1:1 chat would
      // only repeat it.
      to = to.filter((objectId) => objectId !== n.approval.requester.objectId);
    }
    const found = await Promise.all(
      to.map(async (objectId) => ({
        objectId,
        conversation: await this.b.deps.conversationOf(n.tenantId, objectId),
      })),
    );
    const missing = found.filter((r) => !r.conversation).map((r) => r.objectId);
    if (missing.length) {
      // They never opened a chat with the bot (or removed it): there is nowhere to send to.
      this.b.log.warn(
        { kind: n.kind, tenantId: n.tenantId, missing },
        'recipients without a Teams chat were not notified',
      );
    }
    const recipients = found.filter((r): r is Recipient => r.conversation !== null);
    for (const r of recipients) {
      try {
        await this.deliver(n, r, recipients);
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length)
      throw new AggregateError(failures, `${failures.length} Teams notification(s) failed`);
  }

  private async deliver(n: BotNotification, r: Recipient, all: Recipient[]): Promise<void> {
    const reply = this.replyTo(r.conversation.conversationId, false);
    if (n.kind === 'budget.threshold') {
      await reply.send(thresholdCard(n));
      return;
    }
    const a = n.approval;
    if (n.kind === 'approval.requested') {
      await reply.send(this.approvalFor(a, all, true));
      return;
    }
    if (r.objectId === a.requester.objectId) {
      const activityId = await reply.send(decisionCard(a));
      if (a.status === 'approved')
        await this.followApproved(n.tenantId, a, reply, activityId, r.conversation);
      return;
    }
    // The approver who clicked already sees the outcome on their card.
    if (r.objectId !== a.decidedBy?.objectId) await reply.send(this.approvalFor(a, all, false));
  }

  private approvalFor(a: ApprovalView, all: Recipient[], actionable: boolean): IAdaptiveCard {
    const approvers = new Set(a.approvers.map((x) => x.objectId));
    const approverIds = all.filter((r) => approvers.has(r.objectId)).map((r) => r.conversation.userId);
    return approvalCard({ approval: a, actionable, approverIds });
  }

  /**
   * Updates every recorded card of the decided request's generation to show the decision (who, when) and,
   * once approved, follows each to the result. True when at least one card was updated; otherwise the caller
   * falls back to a 1:1 card. Failures are collected for the caller's log.
   */
  private async updateRequesterCards(
    tenantId: string,
    a: ApprovalView,
    failures: unknown[],
  ): Promise<boolean> {
    let updated = 0;
    try {
      const refs = await this.b.deps.generationCards(tenantId, a.generationId);
      if (!refs.length) return false;
      const requester = await this.b.deps.resolveUser(tenantId, a.requester.objectId);
      if (!requester) return false;
      // Read after the decision was saved: the generation is already queued, rejected or expired, or it was
      // deleted (which is what closed the request): then every copy of its card says so.
      const g = await this.generationOf(requester, a.generationId);
      for (const ref of refs) {
        try {
          if (g) await this.updateCard(ref, requester, g);
          else await this.replyTo(ref.conversationId, true).update(ref.activityId, deletedCard());
          updated++;
        } catch (err) {
          failures.push(err); // e.g. the bot was removed from that chat; the other copies still update
        }
      }
    } catch (err) {
      failures.push(err);
    }
    return updated > 0;
  }

  /** The generation as its owner sees it, or null when it was deleted. */
  private async generationOf(requester: BotUser, id: string): Promise<GenerationView | null> {
    try {
      return await this.b.deps.getGeneration(requester, id);
    } catch (err) {
      if (asProblem(err)?.status === 404) return null;
      throw err;
    }
  }

  private async updateCard(ref: GenerationCardRef, requester: BotUser, g: GenerationView): Promise<void> {
    // The requester's own 1:1 chat is the only place the card is theirs alone.
    const own = await this.b.deps.conversationOf(requester.tenantId, requester.objectId);
    const reply = this.replyTo(ref.conversationId, own?.conversationId !== ref.conversationId);
    const card = await generationCard(this.b, requester, g, viewerOf(requester, g, ref.userId, reply.shared));
    await reply.update(ref.activityId, card);
    if (inProgress(g)) follow(this.b, reply, requester, g.id, ref.activityId, ref.userId);
  }

  /** Approved: the request runs now, and the requester's decision card turns into the result. */
  private async followApproved(
    tenantId: string,
    a: ApprovalView,
    reply: Reply,
    activityId: string,
    c: StoredConversation,
  ): Promise<void> {
    const requester = await this.b.deps.resolveUser(tenantId, a.requester.objectId);
    if (requester) follow(this.b, reply, requester, a.generationId, activityId, c.userId);
  }
}
