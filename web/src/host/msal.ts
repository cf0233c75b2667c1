// The only module that loads @azure/msal-browser, on demand (it is not in the first download of a page that
// signs in another way). Nested app authentication needs the host initialised first (teams-js, Office.onReady).
import type { MsalClient, MsalFactory, MsalSettings } from './msal-token-source.ts';

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

/**
 * Sign-in by redirect inside one window (the Office dialog API's window, where popups are not allowed): the token
 * when Entra has just redirected back here, else null after starting the redirect (the page then navigates away).
 * The cache lives in sessionStorage: the dialog only passes the token on to the task pane.
 */
export async function tokenByRedirect(
  settings: MsalSettings,
  scopes: string[],
  loginHint?: string,
): Promise<string | null> {
  const msal = await import('@azure/msal-browser');
  const pca = await msal.createStandardPublicClientApplication({
    auth: { clientId: settings.clientId, authority: settings.authority, redirectUri: settings.redirectUri },
    cache: { cacheLocation: 'sessionStorage' },
  });
  const result = await pca.handleRedirectPromise();
  if (result) return result.accessToken;
  await pca.acquireTokenRedirect({ scopes, ...(loginHint ? { loginHint } : {}) });
  return null;
}
