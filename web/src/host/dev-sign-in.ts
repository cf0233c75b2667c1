// The development sign-in (DEV_AUTH on, never in production): tokens from the backend's own /dev/token for a
// seeded user picked in a visible switcher, so anyone can try every role offline. The choice is remembered per
// browser. Tokens go through the same verification on the server as Entra's.
import type { DevTokenView, DevUsersView } from '@donatello/contracts';
import { ApiProblem, problemFrom } from '../api/problem.ts';
import { stillFresh } from './jwt.ts';
import type { DevSignInControl, DevUser, TokenSource } from './types.ts';

export const DEV_USER_KEY = 'donatello.devUser';
export const DEFAULT_DEV_USER = 'alice';

export interface DevSignInOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Where the choice is remembered; localStorage in a browser. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

export class DevSignIn implements TokenSource, DevSignInControl {
  readonly method = 'dev' as const;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly storage: DevSignInOptions['storage'];
  private user: string;
  private readonly tokens = new Map<string, Promise<string>>();
  private readonly listeners = new Set<(name: string) => void>();
  private usersList: Promise<DevUser[]> | null = null;

  constructor(opts: DevSignInOptions = {}) {
    this.baseUrl = (opts.baseUrl ?? '').replace(/\/+$/, '');
    this.fetchImpl = opts.fetch ?? ((i, init) => globalThis.fetch(i, init));
    this.storage = opts.storage ?? null;
    this.user = this.storage?.getItem(DEV_USER_KEY) || DEFAULT_DEV_USER;
  }

  current(): string {
    return this.user;
  }

  switchTo(name: string): void {
    if (name === this.user) return;
    this.user = name;
    this.storage?.setItem(DEV_USER_KEY, name);
    for (const l of this.listeners) l(name);
  }

  subscribe(listener: (name: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  users(): Promise<DevUser[]> {
    this.usersList ??= this.fetchJson<DevUsersView>('GET', '/dev/users').then((v) => v.users);
    this.usersList.catch(() => (this.usersList = null));
    return this.usersList;
  }

  async getToken(opts: { forceRefresh?: boolean } = {}): Promise<string> {
    const user = this.user;
    const cached = this.tokens.get(user);
    if (cached && !opts.forceRefresh) {
      const token = await cached.catch(() => null);
      if (token && stillFresh(token)) return token;
    }
    const pending = this.fetchJson<DevTokenView>('POST', '/dev/token', { user }).then((v) => v.accessToken);
    this.tokens.set(user, pending);
    pending.catch(() => this.tokens.delete(user));
    return pending;
  }

  private async fetchJson<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ApiProblem({ code: 'network-error', status: 0, title: 'DonatelloAI could not be reached' });
    }
    if (!res.ok) throw await problemFrom(res);
    return (await res.json()) as T;
  }
}
