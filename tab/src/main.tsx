// The tab's entry: pick the route from the URL (Teams loads fixed paths such as /tab/gallery and /tab/config),
// connect to the host (Teams, else a browser with dev sign-in or an MSAL popup), and render the app once someone
// is signed in.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  AuthProvider,
  DevSignIn,
  RouterProvider,
  SessionTheme,
  SignInGate,
  createHashHistory,
  loadMsal,
  loadTeamsSdk,
  startWebSession,
  teamsHost,
} from '@donatello/web';
import { App } from './App.tsx';
import { initialRoute } from './routes.ts';

const history = createHashHistory();
if (!location.hash) history.replace(initialRoute(location.pathname));

const popupRedirectUri = new URL('auth.html', location.href.split('#')[0]).toString();
const storage = (() => {
  try {
    return localStorage;
  } catch {
    return null; // storage blocked in some embedded frames
  }
})();

// Created once: AuthProvider connects when it mounts.
const connect = startWebSession({
  candidates: [
    teamsHost({
      loadSdk: loadTeamsSdk,
      msal: loadMsal,
      popupRedirectUri,
      devSignIn: () => new DevSignIn({ storage }),
    }),
  ],
  msal: loadMsal,
  popupRedirectUri,
  storage,
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthProvider connect={connect}>
      <SessionTheme>
        <RouterProvider history={history}>
          <SignInGate>
            <App />
          </SignInGate>
        </RouterProvider>
      </SessionTheme>
    </AuthProvider>
  </StrictMode>,
);
