// A local stand-in for Adobe IMS: POST /ims/token/v3 with the OAuth client-credentials form, answering
// `{access_token, token_type, expires_in}` or IMS's `{error, error_description}`. Tokens can be revoked.
import { randomBytes } from 'node:crypto';
import { listen, record, sendJson, type RecordedRequest } from './common.ts';

export interface FakeIms {
  imsUrl: string;
  clientId: string;
  clientSecret: string;
  /** Lifetime of issued tokens in seconds. */
  ttlSeconds: number;
  requests: RecordedRequest[];
  issued: string[];
  isValid(token: string | undefined): boolean;
  /** Makes every token issued so far invalid, as if it expired on the server. */
  revokeAll(): void;
  stop(): Promise<void>;
}

export async function startFakeIms(clientId: string, clientSecret: string): Promise<FakeIms> {
  const valid = new Set<string>();
  const fake = {
    clientId,
    clientSecret,
    ttlSeconds: 86_399,
    requests: [] as RecordedRequest[],
    issued: [] as string[],
    isValid: (token: string | undefined) => token !== undefined && valid.has(token),
    revokeAll: () => valid.clear(),
  };
  const server = await listen(async (req, res) => {
    const rec = await record(req);
    fake.requests.push(rec);
    if (rec.method !== 'POST' || rec.path !== '/ims/token/v3') {
      sendJson(res, 404, { error: 'not_found', error_description: 'Not found' });
      return;
    }
    const form = (rec.body ?? {}) as Record<string, string>;
    if (form.grant_type !== 'client_credentials') {
      sendJson(res, 400, {
        error: 'unsupported_grant_type',
        error_description: 'unsupported grant_type parameter',
      });
    } else if (form.client_id !== fake.clientId) {
      sendJson(res, 400, { error: 'invalid_client', error_description: 'invalid client_id parameter' });
    } else if (form.client_secret !== fake.clientSecret) {
      sendJson(res, 401, { error: 'invalid_client', error_description: 'invalid client_secret parameter' });
    } else if (!(form.scope ?? '').split(',').includes('firefly_api')) {
      sendJson(res, 400, {
        error: 'invalid_scope',
        error_description: `Invalid scope(s) specified: ${form.scope}`,
      });
    } else {
      const token = `eyJhbGciOiJSUzI1NiJ9.${randomBytes(24).toString('base64url')}`;
      valid.add(token);
      fake.issued.push(token);
      sendJson(res, 200, { access_token: token, token_type: 'bearer', expires_in: fake.ttlSeconds });
    }
  });
  return Object.assign(fake, { imsUrl: server.url, stop: () => server.stop() });
}
