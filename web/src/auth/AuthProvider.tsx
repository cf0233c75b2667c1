// One sign-in for every web surface (issue #11 "Sign-in"): connect to the host (connect.ts picks Teams, Office
// or a browser), get a token from it, and load who the person is (GET /api/v1/me). Pages read the result with
// useSignedIn(); everything signed in is keyed by the user, so switching dev users starts the pages afresh.
// A popup may only open from a click: when no token comes silently, the state says so and SignInGate shows
// a Sign in button.
import type { ClientConfigView, MeView } from '@donatello/contracts';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { ApiClient } from '../api/client.ts';
import type { ApiProblem } from '../api/problem.ts';
import { InteractionRequiredError, type HostSession } from '../host/types.ts';

export type AuthState =
  | { status: 'connecting' }
  | { status: 'signing-in'; session: HostSession }
  | { status: 'needs-interaction'; session: HostSession; reason: string }
  | { status: 'signed-in'; session: HostSession; me: MeView }
  | { status: 'failed'; session: HostSession | null; error: ApiProblem | Error };

export interface Connection {
  config: ClientConfigView;
  session: HostSession;
}

export interface AuthContextValue {
  state: AuthState;
  api: ApiClient;
  config: ClientConfigView | null;
  /** From a click: may open a popup. */
  signIn: () => void;
  /** Reloads /me (after a change to one's own role or budget). */
  refresh: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

export interface SignedIn {
  api: ApiClient;
  me: MeView;
  session: HostSession;
  config: ClientConfigView;
  refresh: () => void;
}

/** For pages under SignInGate: the signed-in person, the API client and the host. */
export function useSignedIn(): SignedIn {
  const { state, api, config, refresh } = useAuth();
  if (state.status !== 'signed-in' || !config) throw new Error('useSignedIn outside SignInGate');
  return { api, me: state.me, session: state.session, config, refresh };
}

export interface AuthProviderProps {
  /** Loads the public client config and connects to the host (see startWebSession). */
  connect: (api: ApiClient) => Promise<Connection>;
  baseUrl?: string;
  fetch?: typeof fetch;
  children: ReactNode;
}

export function AuthProvider({ connect, baseUrl, fetch: fetchImpl, children }: AuthProviderProps) {
  const [state, setState] = useState<AuthState>({ status: 'connecting' });
  const [config, setConfig] = useState<ClientConfigView | null>(null);
  const session = useRef<HostSession | null>(null);
  const interactive = useRef(false);

  const api = useMemo(
    () =>
      new ApiClient({
        ...(baseUrl !== undefined ? { baseUrl } : {}),
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
        getToken: async (opts) => {
          const s = session.current;
          if (!s) throw new InteractionRequiredError('Not connected yet');
          return s.tokens.getToken({ ...opts, interactive: interactive.current });
        },
      }),
    [baseUrl, fetchImpl],
  );

  const load = useCallback(
    async (s: HostSession) => {
      setState((prev) =>
        prev.status === 'signed-in' && prev.session === s ? prev : { status: 'signing-in', session: s },
      );
      try {
        const me = await api.me();
        setState({ status: 'signed-in', session: s, me });
      } catch (err) {
        if (err instanceof InteractionRequiredError) {
          setState({ status: 'needs-interaction', session: s, reason: err.message });
        } else {
          setState({
            status: 'failed',
            session: s,
            error: err instanceof Error ? err : new Error(String(err)),
          });
        }
      } finally {
        interactive.current = false;
      }
    },
    [api],
  );

  useEffect(() => {
    let cancelled = false;
    let unsubscribe = () => {};
    connect(api).then(
      ({ config: c, session: s }) => {
        if (cancelled) return;
        session.current = s;
        setConfig(c);
        if (s.devSignIn) {
          unsubscribe = s.devSignIn.subscribe(() => {
            setState({ status: 'signing-in', session: s });
            void load(s);
          });
        }
        void load(s);
      },
      (err: unknown) => {
        if (!cancelled)
          setState({
            status: 'failed',
            session: null,
            error: err instanceof Error ? err : new Error(String(err)),
          });
      },
    );
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [connect, api, load]);

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      api,
      config,
      signIn: () => {
        const s = session.current;
        if (!s) return;
        interactive.current = true;
        void load(s);
      },
      refresh: () => {
        if (session.current) void load(session.current);
      },
    }),
    [state, api, config, load],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
