// A local stand-in for the OpenAI API's image endpoint: POST /v1/images/generations with a Bearer key,
// OpenAI's field validation and error bodies, and a switchable fault mode.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  RETRY_AFTER_SECONDS,
  bearer,
  delay,
  listen,
  makePng,
  record,
  sendJson,
  sendMalformed,
  type FakeMode,
  type RecordedRequest,
} from './common.ts';
import { openAIContentPolicy, openAIError, successBody, validateImageRequest } from './openai-images.ts';

export interface FakeOpenAI {
  /** Base URL for the SDK, `http://127.0.0.1:<port>/v1`. */
  baseURL: string;
  apiKey: string;
  mode: FakeMode;
  slowMs: number;
  /** In `held` mode requests wait (answering normally afterwards) until this is called. */
  release(): void;
  requests: RecordedRequest[];
  /** The PNGs it hands out, in order. */
  pngs: Buffer[];
  badHostUrl: string;
  stop(): Promise<void>;
}

export async function startFakeOpenAI(apiKey = 'sk-test-openai'): Promise<FakeOpenAI> {
  const pngs = await Promise.all([1, 2, 3, 4].map((i) => makePng(i)));
  const held: (() => void)[] = [];
  const fake = {
    apiKey,
    mode: 'ok' as FakeMode,
    slowMs: 2_000,
    release: () => {
      for (const go of held.splice(0)) go();
    },
    requests: [] as RecordedRequest[],
    pngs,
    badHostUrl: 'https://images.attacker.example/out.png',
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rec = await record(req);
    fake.requests.push(rec);
    res.setHeader('x-request-id', `req_${fake.requests.length}`);
    if (rec.method !== 'POST' || rec.path !== '/v1/images/generations') {
      sendJson(
        res,
        404,
        openAIError(`Invalid URL (${rec.method} ${rec.path})`, 'invalid_request_error', null, null),
      );
      return;
    }
    if (bearer(req) !== fake.apiKey) {
      sendJson(
        res,
        401,
        openAIError(
          'Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.',
          'invalid_request_error',
          null,
          'invalid_api_key',
        ),
      );
      return;
    }
    const body = (rec.body ?? {}) as Record<string, unknown>;
    const model = typeof body.model === 'string' ? body.model : 'dall-e-2';
    const invalid = validateImageRequest(model, rec.body);
    if (invalid) {
      sendJson(res, 400, openAIError(invalid.message, 'invalid_request_error', invalid.param, invalid.code));
      return;
    }
    switch (fake.mode) {
      case 'slow':
        await delay(fake.slowMs, req);
        break;
      case 'held':
        // Until the test lets go, or the client gives up.
        await new Promise<void>((resolve) => {
          held.push(resolve);
          req.socket.once('close', () => resolve());
        });
        break;
      case 'rate_limited':
        sendJson(
          res,
          429,
          openAIError(
            'Rate limit reached for images per minute. Please try again in 7s.',
            'requests',
            null,
            'rate_limit_exceeded',
          ),
          { 'retry-after': String(RETRY_AFTER_SECONDS) },
        );
        return;
      case 'server_error':
        sendJson(
          res,
          500,
          openAIError(
            'The server had an error while processing your request. Sorry about that!',
            'server_error',
            null,
            null,
          ),
        );
        return;
      case 'malformed':
        sendMalformed(res);
        return;
      case 'content_policy':
        sendJson(res, 400, openAIContentPolicy(model));
        return;
      case 'bad_host':
        sendJson(
          res,
          200,
          successBody(model, body, pngs, () => fake.badHostUrl),
        );
        return;
      case 'ok':
        break;
    }
    if (res.destroyed || req.socket.destroyed) return;
    const asUrl = body.response_format === 'url' ? () => fake.badHostUrl : undefined;
    sendJson(res, 200, successBody(model, body, pngs, asUrl));
  };
  const server = await listen(handle);
  return Object.assign(fake, { baseURL: `${server.url}/v1`, stop: () => server.stop() });
}
