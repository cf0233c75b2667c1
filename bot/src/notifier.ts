// The backend's Notifier port, implemented with proactive messages: each recipient's saved 1:1 conversation
// gets a card. Approvers get Approve and Reject; the requester hears the decision (and, when approved, that
// card becomes the result); managers get threshold alerts. Sent in the background, so an approver's click or a
// worker's commit never waits for Teams; best effort per recipient, and failures are logged.
import type { App } from '@microsoft/teams.apps';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { ApprovalView } from '@donatello/contracts';
import type { BotNotification, StoredConversation } from './deps.ts';
import { approvalCard, decisionCard } from './cards/approval.ts';
import { thresholdCard } from './cards/threshold.ts';
import type { BotContext } from './handlers/context.ts';
import { follow } from './handlers/imagine.ts';
import type { Reply } from './handlers/reply.ts';
import { cardMessage } from './handlers/turn.ts';

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

  private replyTo(conversationId: string): Reply {
    return {
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
    const found = await Promise.all(
      [...new Set(n.to)].map(async (objectId) => ({
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
    const failures: unknown[] = [];
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
    const reply = this.replyTo(r.conversation.conversationId);
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
