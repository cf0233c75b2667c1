// The sign-in popup's redirect page (auth.html, an SPA redirect URI of the app registration): hands Entra's answer
// back to the page that opened the popup, then the popup closes. It loads nothing else.
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

void broadcastResponseToMainFrame().catch(() => {
  document.body.textContent = 'Sign-in could not be completed. Close this window and try again.';
});
