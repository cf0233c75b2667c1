// The Teams bot (Teams SDK v2) lands with issue #5. It will declare here the services it needs from the
// backend (BotDeps); the backend's composition root hands them over. The bot never touches the store.

/** What the bot needs from the backend. Grows with the bot; the backend implements it. */
export interface BotDeps {
  /** Resolves a Teams user (aadObjectId + tenant) to the product's user, or null when unknown. */
  resolveUser(
    tenantId: string,
    aadObjectId: string,
  ): Promise<{ objectId: string; displayName: string } | null>;
}
