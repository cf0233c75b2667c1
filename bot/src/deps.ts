// What the bot needs from the backend (DESIGN §1): the backend's composition root implements BotDeps over its
// services. The bot never touches the store, and it knows nothing about the backend's classes: errors come
// back as problems (a stable `code` and an HTTP `status`), exactly what the REST API would answer.
import type {
  ApprovalView,
  Notification,
  BudgetSummaryView,
  EstimateView,
  GenerationRequest,
  GenerationView,
  Role,
} from '@donatello/contracts';

/** A product user, found by Entra object id within the tenant (never by name or email). */
export interface BotUser {
  tenantId: string;
  objectId: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
}

/** Where a user's 1:1 chat with the bot lives, saved on install and on every personal message. */
export interface StoredConversation extends Record<string, unknown> {
  conversationId: string;
  serviceUrl: string;
  channelId: string;
  tenantId: string;
  /** The user's Teams id (an MRI such as `29:…`), which `refresh.userIds` needs. */
  userId: string;
  aadObjectId: string;
  botId: string;
}

/**
 * Where a generation's card was posted, so a later change made elsewhere (an approver's decision) can update
 * that message in place. A generation can have several (capped by the backend).
 */
export interface GenerationCardRef extends Record<string, unknown> {
  conversationId: string;
  activityId: string;
  /** The generation owner's Teams id (MRI), for the card's `refresh.userIds`. */
  userId: string;
  serviceUrl: string;
}

export interface BotDeps {
  /** The stored user for a Teams user, or null when the product does not know them. */
  resolveUser(tenantId: string, aadObjectId: string): Promise<BotUser | null>;
  /** A quote: provider, model, cost and the department's budget, without reserving anything. */
  estimate(user: BotUser, req: GenerationRequest): Promise<EstimateView>;
  /** Starts a generation; the same idempotency key returns the first one (`replayed`) and charges once. */
  generate(
    user: BotUser,
    req: GenerationRequest,
    idempotencyKey: string,
  ): Promise<{ generation: GenerationView; replayed: boolean }>;
  /**
   * Waits up to `timeoutMs` (or until `signal` aborts) for the generation to finish or to wait for approval;
   * returns it as it is then.
   */
  waitForGeneration(
    user: BotUser,
    id: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<GenerationView>;
  getGeneration(user: BotUser, id: string): Promise<GenerationView>;
  deleteGeneration(user: BotUser, id: string): Promise<void>;
  /** The caller's department and its budget summary (both null without a department). */
  budget(
    user: BotUser,
  ): Promise<{ department: { id: string; name: string } | null; budget: BudgetSummaryView | null }>;
  /** The caller's own generations, newest first. */
  history(user: BotUser, limit: number): Promise<GenerationView[]>;
  /**
   * The caller's finished images whose prompt contains `query` (all of them without one), newest first. A
   * store query only: fast enough for a message-extension search, which Teams abandons after 5 seconds.
   */
  searchGallery(user: BotUser, query: string | null, limit: number): Promise<GenerationView[]>;
  /** The models the backend can route to, one entry per model id, for the "Create image" form. */
  models(): { id: string; name: string }[];
  getApproval(user: BotUser, id: string): Promise<ApprovalView>;
  decideApproval(user: BotUser, id: string, decision: 'approve' | 'reject'): Promise<ApprovalView>;
  saveConversation(tenantId: string, aadObjectId: string, conversation: StoredConversation): Promise<void>;
  conversationOf(tenantId: string, aadObjectId: string): Promise<StoredConversation | null>;
  /** Records where a generation's card lives; a repeat is a no-op, and past the cap it is not recorded. */
  saveGenerationCard(tenantId: string, generationId: string, ref: GenerationCardRef): Promise<void>;
  /** Every recorded card of a generation, oldest first. */
  generationCards(tenantId: string, generationId: string): Promise<GenerationCardRef[]>;
  /** An absolute, signed, expiring URL for an image, loadable without a bearer token (Teams card images). */
  signedImageUrl(tenantId: string, imageId: string, variant?: 'full' | 'thumbnail'): string;
  /** A link that opens the gallery tab, at one generation when given. */
  galleryUrl(generationId?: string): string;
}

/** How the bot authenticates: a client secret, a managed identity, or the local development mode. */
export type BotAuth =
  | { mode: 'credentials'; appId: string; password: string; tenantId?: string }
  /** A UserAssignedMSI bot: the app id is the managed identity's client id; tokens come from the host's identity
   * endpoint, so there is no secret to keep. */
  | { mode: 'managed-identity'; appId: string; tenantId: string }
  /** Development only: no inbound token check, proactive sends to a local connector (Agents Playground). */
  | { mode: 'dev'; appId: string; serviceUrl: string };

/** The backend's notifications (approvals, budget alerts), as its Notifier port sends them. */
export type BotNotification = Notification;
