// A local stand-in for an Azure OpenAI resource's image endpoint:
// POST /openai/deployments/{deployment}/images/generations?api-version=..., authenticated with `api-key`.
// Deployments map to models; the api-version must be one the resource knows; errors use Azure's shapes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  SLOW_FAKE_MS,
  RETRY_AFTER_SECONDS,
  delay,
  listen,
  makePng,
  record,
  sendJson,
  sendMalformed,
  type FakeMode,
  type RecordedRequest,
} from './common.ts';
import { azureContentPolicy, successBody, validateImageRequest } from './openai-images.ts';

export interface FakeAzureOpenAI {
  /** The resource endpoint, `http://127.0.0.1:<port>`. */
  endpoint: string;
  apiKey: string;
  /** deployment name → model */
  deployments: Record<string, string>;
  apiVersions: string[];
  mode: FakeMode;
  slowMs: number;
  requests: RecordedRequest[];
  pngs: Buffer[];
  badHostUrl: string;
  stop(): Promise<void>;
}

const PATH = /^\/openai\/deployments\/([^/]+)\/images\/generations$/;

function azureError(code: string, message: string): Record<string, unknown> {
  return { error: { code, message } };
}

export async function startFakeAzureOpenAI(
  deployments: Record<string, string> = { 'corp-dalle3': 'dall-e-3', 'corp-gpt-image': 'gpt-image-1' },
  apiKey = 'azure-test-key',
): Promise<FakeAzureOpenAI> {
  const pngs = await Promise.all([5, 6, 7, 8].map((i) => makePng(i)));
  const fake = {
    apiKey,
    deployments,
    apiVersions: ['2024-02-01', '2024-06-01', '2024-10-21', '2025-04-01-preview'],
    mode: 'ok' as FakeMode,
    slowMs: SLOW_FAKE_MS,
    requests: [] as RecordedRequest[],
    pngs,
    badHostUrl: 'https://attacker.blob.core.windows.evil.example/out.png',
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rec = await record(req);
    fake.requests.push(rec);
    res.setHeader('apim-request-id', `apim-${fake.requests.length}`);
    res.setHeader('x-request-id', `azreq-${fake.requests.length}`);
    const match = PATH.exec(rec.path);
    if (rec.method !== 'POST' || !match) {
      sendJson(res, 404, azureError('404', 'Resource not found'));
      return;
    }
    if (req.headers['api-key'] !== fake.apiKey) {
      sendJson(
        res,
        401,
        azureError(
          '401',
          'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
        ),
      );
      return;
    }
    const version = rec.query.get('api-version');
    if (!version || !fake.apiVersions.includes(version)) {
      sendJson(res, 404, azureError('404', 'Resource not found'));
      return;
    }
    const model = fake.deployments[decodeURIComponent(match[1]!)];
    if (!model) {
      sendJson(
        res,
        404,
        azureError(
          'DeploymentNotFound',
          'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
        ),
      );
      return;
    }
    if (model === 'gpt-image-1' && !version.endsWith('-preview')) {
      sendJson(
        res,
        400,
        azureError(
          'OperationNotSupported',
          `The images generation operation does not work with the specified model, gpt-image-1, on api-version ${version}.`,
        ),
      );
      return;
    }
    const invalid = validateImageRequest(model, rec.body);
    if (invalid) {
      sendJson(res, 400, {
        error: {
          code: invalid.code ?? 'invalid_request_error',
          message: invalid.message,
          param: invalid.param,
          type: 'invalid_request_error',
        },
      });
      return;
    }
    const body = rec.body as Record<string, unknown>;
    switch (fake.mode) {
      case 'slow':
        await delay(fake.slowMs, req);
        break;
      case 'rate_limited':
        sendJson(
          res,
          429,
          azureError(
            '429',
            `Requests to the Images_Generations Operation under Azure OpenAI API version ${version} have exceeded call rate limit of your current OpenAI S0 pricing tier. Please retry after ${RETRY_AFTER_SECONDS} seconds.`,
          ),
          { 'retry-after': String(RETRY_AFTER_SECONDS) },
        );
        return;
      case 'server_error':
        sendJson(
          res,
          500,
          azureError('InternalServerError', 'The service encountered an internal error. Please retry.'),
        );
        return;
      case 'malformed':
        sendMalformed(res);
        return;
      case 'content_policy':
        sendJson(res, 400, azureContentPolicy());
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
    sendJson(res, 200, successBody(model, body, pngs));
  };
  const server = await listen(handle);
  return Object.assign(fake, { endpoint: server.url, stop: () => server.stop() });
}
