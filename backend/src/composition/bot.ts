// Part of the composition root: implements the bot's BotDeps over the services, creates the Teams bot on its
// own Express application (mounted by the HTTP app) and relays the Notifier port to it. The bot acts for a
// user found by tenant + Entra object id, through the same services, permissions and audit as the REST API.
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import {
  createBot,
  type Bot,
  type BotDeps,
  type BotUser,
  type GenerationCardRef,
  type StoredConversation,
} from '@donatello/bot';
import { GenerationRequest, galleryDeepLink } from '@donatello/contracts';
import type { Config } from '../config.ts';
import type { BotConfig } from '../config/bot.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Actor } from '../users/record.ts';
import { generationView } from '../generations/record.ts';
import { serviceUrlGuard } from '../http/service-url-guard.ts';
import { parse } from '../http/validate.ts';
import type { ImageLinkSigner } from '../identity/image-links.ts';
import type { Notification, Notifier } from '../ports/notifier.ts';
import type { DepartmentRepository } from '../departments/repository.ts';
import type { GenerationCardRepository } from '../generations/cards.ts';
import type { UserRepository } from '../users/repository.ts';
import type { Pipeline } from './pipeline.ts';

const BOT_AGENT = 'DonatelloAI Teams bot';

export interface BotParts {
  config: Config;
  users: UserRepository;
  departments: DepartmentRepository;
  /** Where generation cards were posted (updated in place when an approver decides). */
  cards: GenerationCardRepository;
  pipeline: Pipeline;
  signer: ImageLinkSigner;
}

/** A saved 1:1 conversation, checked on the way out of the store. */
function asConversation(v: Record<string, unknown> | null): StoredConversation | null {
  if (!v) return null;
  const keys = ['conversationId', 'serviceUrl', 'channelId', 'tenantId', 'userId', 'aadObjectId', 'botId'];
  return keys.every((k) => typeof v[k] === 'string') ? (v as StoredConversation) : null;
}

export function botDeps(p: BotParts, appId: string): BotDeps {
  const { service, worker, budget, approvals } = p.pipeline;
  // The actor each BotUser stands for, from the lookup that produced it (one store read per turn).
  const actors = new WeakMap<BotUser, Actor>();
  const actorOf = async (u: BotUser): Promise<Actor> => {
    const known = actors.get(u);
    if (known) return known;
    const doc = await p.users.get(u.tenantId, u.objectId);
    if (!doc) throw new NotFoundError(`User ${u.objectId}`);
    return { user: doc.data, issuer: 'bot', userAgent: BOT_AGENT };
  };
  const waitFinished = async (tenantId: string, id: string, ms: number, signal?: AbortSignal) => {
    const deadline = Date.now() + ms;
    // In short slices, so a stopping host is not held up by a slow provider.
    while (!signal?.aborted && Date.now() < deadline) {
      const doc = await worker.waitFor(tenantId, id, Math.min(1000, deadline - Date.now()));
      if (!doc || !['queued', 'running'].includes(doc.data.status)) return;
    }
  };

  return {
    async resolveUser(tenantId, aadObjectId) {
      const doc = await p.users.get(tenantId.toLowerCase(), aadObjectId.toLowerCase());
      if (!doc) return null;
      const u = doc.data;
      const user: BotUser = {
        tenantId: u.tenantId,
        objectId: u.objectId,
        displayName: u.displayName,
        role: u.role,
        departmentId: u.departmentId,
      };
      actors.set(user, { user: u, issuer: 'bot', userAgent: BOT_AGENT });
      return user;
    },
    estimate: async (u, req) => service.estimate(await actorOf(u), parse(GenerationRequest, req)),
    async generate(u, req, key) {
      const { doc, replayed } = await service.create(await actorOf(u), parse(GenerationRequest, req), key);
      return { generation: generationView(doc.id, doc.data), replayed };
    },
    async waitForGeneration(u, id, ms, signal) {
      const actor = await actorOf(u);
      await waitFinished(u.tenantId, id, ms, signal);
      return service.get(actor, id);
    },
    getGeneration: async (u, id) => service.get(await actorOf(u), id),
    deleteGeneration: async (u, id) => service.remove(await actorOf(u), id),
    async budget(u) {
      const dept = u.departmentId ? await p.departments.get(u.tenantId, u.departmentId) : null;
      if (!dept) return { department: null, budget: null };
      return {
        department: { id: dept.id, name: dept.data.name },
        budget: await budget.summary({ tenantId: u.tenantId, departmentId: dept.id, department: dept.data }),
      };
    },
    history: async (u, limit) => (await service.list(await actorOf(u), { scope: 'mine', limit })).items,
    async searchGallery(u, query, limit) {
      const q = {
        scope: 'mine' as const,
        status: 'succeeded' as const,
        limit,
        ...(query ? { q: query } : {}),
      };
      return (await service.list(await actorOf(u), q)).items;
    },
    models() {
      const byId = new Map<string, { id: string; name: string }>();
      for (const m of p.pipeline.registry.models())
        if (!byId.has(m.id)) byId.set(m.id, { id: m.id, name: m.displayName });
      return [...byId.values()];
    },
    getApproval: async (u, id) => approvals.get(await actorOf(u), id),
    decideApproval: async (u, id, decision) => approvals.decide(await actorOf(u), id, decision),
    async saveConversation(tenantId, objectId, conversation) {
      await p.users.saveConversationReference(tenantId.toLowerCase(), objectId.toLowerCase(), conversation);
    },
    conversationOf: async (tenantId, objectId) =>
      asConversation(await p.users.getConversationReference(tenantId.toLowerCase(), objectId.toLowerCase())),
    async saveGenerationCard(tenantId, generationId, ref) {
      await p.cards.save(tenantId.toLowerCase(), generationId, ref);
    },
    generationCards: async (tenantId, generationId) =>
      (await p.cards.list(tenantId.toLowerCase(), generationId)).map(
        ({ conversationId, activityId, userId, serviceUrl }): GenerationCardRef => ({
          conversationId,
          activityId,
          userId,
          serviceUrl,
        }),
      ),
    signedImageUrl: (tenantId, imageId, variant = 'full') =>
      `${p.config.http.publicBaseUrl}${p.signer.path(tenantId, imageId, Date.now(), variant)}`,
    galleryUrl: (generationId) => galleryDeepLink(appId, generationId),
  };
}

/** Hands notifications to the bot once it exists (the pipeline needs a notifier before the bot is built). */
export class RelayNotifier implements Notifier {
  private target: Notifier;
  constructor(initial: Notifier) {
    this.target = initial;
  }
  relayTo(target: Notifier): void {
    this.target = target;
  }
  notify(n: Notification): Promise<void> {
    return this.target.notify(n);
  }
}

export async function composeBot(
  p: BotParts,
  auth: BotConfig,
  log: Logger,
): Promise<{ http: Express; bot: Bot }> {
  const http = express();
  http.disable('x-powered-by');
  // Registered before the SDK's route, so no activity with a foreign serviceUrl reaches the bot.
  http.post('/api/messages', ...serviceUrlGuard(auth.serviceUrls, log.child({ component: 'bot' })));
  const bot = await createBot({
    deps: botDeps(p, auth.teamsAppId),
    log: log.child({ component: 'bot' }),
    auth,
    http,
  });
  return { http, bot };
}
