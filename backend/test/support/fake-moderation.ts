// Local stand-ins for the two moderation services, following their published APIs:
//  - OpenAI: POST /v1/moderations, `Authorization: Bearer <key>`, body {model, input};
//    answers {id, model, results: [{flagged, categories, category_scores, category_applied_input_types}]}.
//  - Azure AI Content Safety: POST /contentsafety/text:analyze?api-version=2024-09-01,
//    `Ocp-Apim-Subscription-Key`, body {text, outputType?, ...}; answers {blocklistsMatch, categoriesAnalysis}.
// A request that breaks the API gets the error the real service would send, and the reason is recorded in
// `rejected`. `behaviour` makes the next answers fail in the ways the adapters must survive.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export type FakeBehaviour = 'answer' | 'status-500' | 'hang' | 'hang-body' | 'malformed-json' | 'wrong-shape';

export interface FakeModeration {
  /** OpenAI: the base URL including /v1. Azure: the resource endpoint. */
  url: string;
  apiKey: string;
  behaviour: FakeBehaviour;
  /** OpenAI: categories to flag. Azure: severity per category (Hate, SelfHarm, Sexual, Violence). */
  flag: Record<string, number>;
  /** Bodies of the requests that followed the API. */
  requests: Record<string, unknown>[];
  /** Why requests were refused (empty when the adapter followed the API). */
  rejected: string[];
  stop(): Promise<void>;
}

const OPENAI_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/instructions',
  'self-harm/intent',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
];
const AZURE_CATEGORIES = ['Hate', 'SelfHarm', 'Sexual', 'Violence'];

type Check = (req: IncomingMessage, url: URL, body: unknown) => { status: number; error: object } | null;

const newKey = (kind: string) => `test-key-${kind}-${Math.random().toString(36).slice(2)}`;

async function start(
  kind: 'openai' | 'azure',
  apiKey: string,
  check: Check,
  answer: (fake: FakeModeration) => object,
  wrongShape: object,
): Promise<FakeModeration> {
  const fake: FakeModeration = {
    url: '',
    apiKey,
    behaviour: 'answer',
    flag: {},
    requests: [],
    rejected: [],
    stop: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
  const send = (res: ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const problem = check(req, new URL(req.url ?? '/', 'http://fake'), body);
      if (problem) {
        fake.rejected.push(JSON.stringify(problem.error));
        return send(res, problem.status, { error: problem.error });
      }
      fake.requests.push(body as Record<string, unknown>);
      switch (fake.behaviour) {
        case 'answer':
          return send(res, 200, answer(fake));
        case 'status-500':
          return send(res, 500, {
            error: { code: 'InternalServerError', message: 'The server had an error' },
          });
        case 'hang':
          return; // never answers
        case 'hang-body':
          res.writeHead(200, { 'content-type': 'application/json' }).write('{"results": [');
          return; // headers sent, body never finishes
        case 'malformed-json':
          return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"results": [{"flag');
        case 'wrong-shape':
          return send(res, 200, wrongShape);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const addr = server.address();
  const origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  fake.url = kind === 'openai' ? `${origin}/v1` : origin;
  return fake;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isJson = (req: IncomingMessage) => (req.headers['content-type'] ?? '').startsWith('application/json');

export function startFakeOpenAiModeration(): Promise<FakeModeration> {
  const key = newKey('openai');
  const invalid = (message: string, param: string | null = null) => ({
    status: 400,
    error: { message, type: 'invalid_request_error', param, code: null },
  });
  const check: Check = (req, url, body) => {
    if (req.method !== 'POST' || url.pathname !== '/v1/moderations') {
      return { ...invalid(`Invalid URL (${req.method} ${url.pathname})`), status: 404 };
    }
    if (req.headers.authorization !== `Bearer ${key}`) {
      const error = { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null };
      return { status: 401, error: { ...error, code: 'invalid_api_key' } };
    }
    if (!isJson(req) || !isRecord(body)) return invalid('We could not parse the JSON body of your request.');
    const extra = Object.keys(body).filter((k) => k !== 'model' && k !== 'input');
    if (extra.length > 0) return invalid(`Unrecognized request argument supplied: ${extra.join(', ')}`);
    if (typeof body.input !== 'string' || body.input.length === 0) return invalid('Invalid input', 'input');
    if (body.model !== undefined && body.model !== 'omni-moderation-latest')
      return invalid('Unknown model', 'model');
    return null;
  };
  const answer = (fake: FakeModeration) => {
    const categories = Object.fromEntries(OPENAI_CATEGORIES.map((c) => [c, (fake.flag[c] ?? 0) > 0]));
    const scores = Object.fromEntries(
      OPENAI_CATEGORIES.map((c) => [c, (fake.flag[c] ?? 0) > 0 ? 0.93 : 0.0001]),
    );
    const types = Object.fromEntries(OPENAI_CATEGORIES.map((c) => [c, ['text']]));
    return {
      id: 'modr-0123456789',
      model: 'omni-moderation-2024-09-26',
      results: [
        {
          flagged: Object.values(categories).some(Boolean),
          categories,
          category_scores: scores,
          category_applied_input_types: types,
        },
      ],
    };
  };
  return start('openai', key, check, answer, { id: 'modr-1', model: 'omni-moderation-latest', results: [] });
}

export function startFakeAzureContentSafety(): Promise<FakeModeration> {
  const key = newKey('azure');
  const fields = ['text', 'categories', 'blocklistNames', 'haltOnBlocklistHit', 'outputType'];
  const invalid = (message: string) => ({ status: 400, error: { code: 'InvalidRequestBody', message } });
  const check: Check = (req, url, body) => {
    if (req.method !== 'POST' || url.pathname !== '/contentsafety/text:analyze') {
      return { status: 404, error: { code: '404', message: 'Resource not found' } };
    }
    if (url.searchParams.get('api-version') !== '2024-09-01') {
      return {
        status: 404,
        error: { code: 'UnsupportedApiVersion', message: 'The API version is not supported' },
      };
    }
    if (req.headers['ocp-apim-subscription-key'] !== key) {
      const message = 'Access denied due to invalid subscription key or wrong API endpoint.';
      return { status: 401, error: { code: '401', message } };
    }
    if (!isJson(req) || !isRecord(body)) return invalid('The request body is not valid JSON.');
    if (Object.keys(body).some((k) => !fields.includes(k)))
      return invalid('Unknown field in the request body.');
    if (typeof body.text !== 'string' || body.text.length === 0 || [...body.text].length > 10_000) {
      return invalid('text must be 1 to 10000 characters.');
    }
    const outputTypes: unknown[] = [undefined, 'FourSeverityLevels', 'EightSeverityLevels'];
    if (!outputTypes.includes(body.outputType)) {
      return invalid('outputType is not valid.');
    }
    return null;
  };
  const answer = (fake: FakeModeration) => ({
    blocklistsMatch: [],
    categoriesAnalysis: AZURE_CATEGORIES.map((category) => ({
      category,
      severity: fake.flag[category] ?? 0,
    })),
  });
  return start('azure', key, check, answer, { blocklistsMatch: [], categoriesAnalysis: 'none' });
}
