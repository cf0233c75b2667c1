// The only module that imports @microsoft/teams-js, loaded on demand: a page opened in a plain browser never
// downloads it. Maps teams-js 2.x onto the small TeamsSdk interface the rest of the code uses.
import type { TeamsSdk } from './teams.ts';

export async function loadTeamsSdk(): Promise<TeamsSdk> {
  const { app, authentication, nestedAppAuth, pages } = await import('@microsoft/teams-js');
  return {
    initialize: () => app.initialize(),
    context: async () => {
      const ctx = await app.getContext();
      return {
        theme: ctx.app.theme,
        subPageId: ctx.page.subPageId || null,
        loginHint: ctx.user?.loginHint ?? null,
      };
    },
    onThemeChange: (handler) => {
      app.registerOnThemeChangeHandler(handler);
    },
    isNAAChannelRecommended: () => nestedAppAuth.isNAAChannelRecommended(),
    getAuthToken: () => authentication.getAuthToken(),
    shareDeepLink: async (link) => {
      pages.shareDeepLink(link);
    },
    configureTab: (tab) => {
      pages.config.registerOnSaveHandler((save) => {
        pages.config
          .setConfig({
            entityId: tab.entityId,
            contentUrl: tab.contentUrl,
            websiteUrl: tab.websiteUrl,
            suggestedDisplayName: tab.name,
          })
          .then(
            () => save.notifySuccess(),
            (err: unknown) => save.notifyFailure(err instanceof Error ? err.message : String(err)),
          );
      });
      pages.config.setValidityState(true);
    },
  };
}
