// Picks the host a page runs in: each candidate that looks present (Teams, Office) is asked in order to connect;
// the first that does wins; otherwise the page is in a plain browser. A candidate that fails or times out is
// skipped, so a page opened by mistake in some other frame still works as a browser page.
import type { ClientConfigView } from '@donatello/contracts';
import type { HostCandidate, HostSession } from './types.ts';

export async function connectHost(
  config: ClientConfigView,
  candidates: HostCandidate[],
  browser: () => HostSession,
): Promise<HostSession> {
  for (const candidate of candidates) {
    if (!candidate.present()) continue;
    const session = await candidate.connect(config).catch(() => null);
    if (session) return session;
  }
  return browser();
}
