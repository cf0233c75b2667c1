// Links into the Teams app, built the same way by the bot's cards and the web pages (Copy link, Share to chat).

/** The Teams deep link to the gallery tab (entity `gallery` in appPackage/), at one generation when given. */
export function galleryDeepLink(teamsAppId: string, generationId?: string): string {
  const base = `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/gallery`;
  if (!generationId) return base;
  return `${base}?context=${encodeURIComponent(JSON.stringify({ subEntityId: generationId }))}`;
}

const GENERATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The generation a deep link names: Teams' subPageId (a bare id, or the `{"subEntityId": …}` JSON some clients
 * pass through), or the `context` parameter of a gallery deep link. Anything that is not a generation id is null.
 */
export function generationIdFromDeepLink(value: string | null | undefined): string | null {
  if (!value) return null;
  let v = value.trim();
  try {
    const url = new URL(v);
    v = url.searchParams.get('context') ?? url.searchParams.get('subEntityId') ?? '';
  } catch {
    // not a URL: a subPageId
  }
  if (v.startsWith('{')) {
    try {
      const parsed = JSON.parse(v) as { subEntityId?: unknown; subPageId?: unknown };
      const inner = parsed.subEntityId ?? parsed.subPageId;
      v = typeof inner === 'string' ? inner : '';
    } catch {
      return null;
    }
  }
  v = v.toLowerCase();
  return GENERATION_ID.test(v) ? v : null;
}
