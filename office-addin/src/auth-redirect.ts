// auth.html, the add-in's sign-in redirect page (an SPA redirect URI of the app registration), in two roles:
// - the MSAL popup's landing page (the preview in a browser): it hands Entra's answer back to the page that opened
//   the popup, which then closes it;
// - opened by the Office dialog API (`?sign-in=dialog`, the last resort when nested app authentication and Office
//   SSO cannot sign in): it signs in by redirect inside the dialog window, then sends the token to the task pane
//   with `Office.context.ui.messageParent`. Office.js is loaded only then, after MSAL has read the redirect
//   (Office.js nulls the History API, which MSAL uses to clean the address).
// Must not break: the dialog sends only the shape dialog-message.ts defines, and only to its parent.
import type { ClientConfigView } from '@donatello/contracts';
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';
import { tokenByRedirect } from '@donatello/web';
import { DIALOG_QUERY, dialogMessage } from './session/dialog-message.ts';
import { loadOfficeJs } from './session/office-js.ts';

const DIALOG_FLAG = 'donatello.dialogSignIn';

function say(text: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

async function toPane(body: { accessToken: string } | { error: string }): Promise<void> {
  const office = await loadOfficeJs();
  if (!office) {
    say('Signing in finished, but Office could not be reached. Close this window and sign in again.');
    return;
  }
  await office.onReady();
  office.context.ui.messageParent(dialogMessage(body));
}

async function signInInDialog(): Promise<void> {
  try {
    sessionStorage.setItem(DIALOG_FLAG, '1');
    const res = await fetch('/api/v1/client-config', { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`DonatelloAI answered ${res.status}`);
    const config = (await res.json()) as ClientConfigView;
    if (!config.entra) throw new Error('This DonatelloAI has no Microsoft Entra sign-in set up.');
    const redirectUri = new URL('auth.html', location.href.split('?')[0]!.split('#')[0]).toString();
    const token = await tokenByRedirect(
      { clientId: config.entra.clientId, authority: config.entra.authority, redirectUri },
      config.entra.scopes,
    );
    if (token === null) return; // on the way to Entra; this page loads again when it answers
    sessionStorage.removeItem(DIALOG_FLAG);
    await toPane({ accessToken: token });
  } catch (err) {
    sessionStorage.removeItem(DIALOG_FLAG);
    await toPane({ error: err instanceof Error ? err.message : String(err) });
  }
}

function inDialog(): boolean {
  try {
    return location.search.includes(DIALOG_QUERY) || sessionStorage.getItem(DIALOG_FLAG) === '1';
  } catch {
    return location.search.includes(DIALOG_QUERY);
  }
}

if (inDialog()) {
  void signInInDialog();
} else {
  void broadcastResponseToMainFrame().catch(() => {
    say('Sign-in could not be completed. Close this window and try again.');
  });
}
