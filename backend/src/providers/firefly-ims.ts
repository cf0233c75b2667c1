// Adobe IMS server-to-server (OAuth client credentials) tokens for Firefly Services. A token is cached until
// shortly before it expires; concurrent callers share one token request; a token the API rejected is dropped.
import { ProviderError } from './port.ts';
import { isRecord, kindForStatus, readJson, toProviderError } from './provider-http.ts';

export const FIREFLY_SCOPE = 'openid,AdobeID,session,additional_info,read_organizations,firefly_api,ff_apis';

export interface ImsOptions {
  clientId: string;
  clientSecret: string;
  /** Default `https://ims-na1.adobelogin.com`. */
  imsUrl?: string;
  scope?: string;
  /** Refresh this long before expiry (default 5 minutes, at most a tenth of the token's lifetime). */
  refreshMarginMs?: number;
  /** Limit for one token request (default 15 s). */
  requestTimeoutMs?: number;
}

export class ImsTokenSource {
  private readonly options: ImsOptions;
  private cached: { token: string; refreshAt: number } | undefined;
  private pending: Promise<string> | undefined;
  /** Token requests made so far (for diagnostics). */
  requests = 0;

  constructor(options: ImsOptions) {
    this.options = options;
  }

  async token(signal: AbortSignal): Promise<string> {
    if (this.cached && Date.now() < this.cached.refreshAt) return this.cached.token;
    // The shared request has its own time limit, so one caller's abort does not fail the others.
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return raceAbort(this.pending, signal);
  }

  /** Forgets `token` after the API refused it, so the next call fetches a fresh one. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const signal = AbortSignal.timeout(this.options.requestTimeoutMs ?? 15_000);
    const base = (this.options.imsUrl ?? 'https://ims-na1.adobelogin.com').replace(/\/+$/, '');
    this.requests++;
    try {
      const res = await fetch(`${base}/ims/token/v3`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: this.options.clientId,
          client_secret: this.options.clientSecret,
          scope: this.options.scope ?? FIREFLY_SCOPE,
        }),
        signal,
      });
      const body = await readJson('firefly', res);
      if (!res.ok) {
        const error = isRecord(body) ? `${String(body.error)}: ${String(body.error_description)}` : 'error';
        // IMS answers 400 invalid_client for wrong credentials: that is an auth failure, not a bad request.
        const kind =
          res.status === 400 || res.status === 401 || res.status === 403 ? 'auth' : kindForStatus(res.status);
        throw new ProviderError(
          'firefly',
          kind,
          `firefly: IMS token request failed (HTTP ${res.status}, ${error})`,
          {
            status: res.status,
          },
        );
      }
      if (!isRecord(body) || typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
        throw new ProviderError(
          'firefly',
          'bad_response',
          'firefly: IMS token answer lacks access_token/expires_in',
        );
      }
      const lifetime = body.expires_in * 1000;
      const margin = Math.min(this.options.refreshMarginMs ?? 5 * 60_000, lifetime / 10);
      this.cached = { token: body.access_token, refreshAt: Date.now() + lifetime - margin };
      return body.access_token;
    } catch (err) {
      throw toProviderError('firefly', err, signal);
    }
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
