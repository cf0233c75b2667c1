// The only module that loads @azure/msal-browser, on demand (it is not in the first download of a page that
// signs in another way). Nested app authentication needs the host initialised first (teams-js, Office.onReady).
import type { MsalClient, MsalFactory } from './msal-token-source.ts';

export const loadMsal: MsalFactory = async (mode, settings) => {
  const msal = await import('@azure/msal-browser');
  const configuration = {
    auth: { clientId: settings.clientId, authority: settings.authority, redirectUri: settings.redirectUri },
    // Survives reloads of the tab without a new popup; tokens are for this API only.
    cache: { cacheLocation: 'localStorage' },
  };
  const pca =
    mode === 'nested'
      ? await msal.createNestablePublicClientApplication(configuration)
      : await msal.createStandardPublicClientApplication(configuration);
  return pca as unknown as MsalClient;
};
