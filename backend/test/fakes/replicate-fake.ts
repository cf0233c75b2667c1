// A local stand-in for Replicate's HTTP API: POST /v1/predictions (by version), POST /v1/models/{owner}/
// {name}/predictions (official models), GET /v1/predictions/{id}, POST /v1/predictions/{id}/cancel, with
// `Prefer: wait=N`, Bearer auth, input validation and Replicate's problem bodies. Outputs are served by an
// HTTPS image host standing in for replicate.delivery.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import {
  SLOW_FAKE_MS,
  RETRY_AFTER_SECONDS,
  bearer,
  delay,
  listen,
  record,
  sendJson,
  type FakeMode,
  type RecordedRequest,
} from './common.ts';
import { startImageHost, type ImageHost } from './image-host.ts';
import { validateFluxInput, validateSdxlInput } from './replicate-inputs.ts';

export const FAKE_SDXL_VERSION = '7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc';
const FLUX = 'black-forest-labs/flux-schnell';

interface FakePrediction {
  json: Record<string, unknown>;
  mode: FakeMode;
  doneAt: number;
  finishing?: Promise<void>;
}

export interface FakeReplicate {
  baseUrl: string;
  token: string;
  mode: FakeMode;
  processingMs: number;
  slowMs: number;
  requests: RecordedRequest[];
  cancels: string[];
  /** Bytes served for each prediction's outputs, in order. */
  outputs: Map<string, Buffer[]>;
  images: ImageHost;
  stop(): Promise<void>;
}

const TERMINAL = new Set(['succeeded', 'failed', 'canceled']);

function problem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { title, detail, status, ...extra }, headers);
}

export async function startFakeReplicate(token = 'r8_test_token'): Promise<FakeReplicate> {
  const images = await startImageHost();
  const predictions = new Map<string, FakePrediction>();
  const fake = {
    token,
    mode: 'ok' as FakeMode,
    processingMs: 30,
    slowMs: SLOW_FAKE_MS,
    requests: [] as RecordedRequest[],
    cancels: [] as string[],
    outputs: new Map<string, Buffer[]>(),
    images,
    baseUrl: '',
  };

  async function finish(p: FakePrediction): Promise<void> {
    const json = p.json;
    const input = json.input as Record<string, unknown>;
    json.completed_at = new Date().toISOString();
    json.metrics = { predict_time: 1.2 };
    if (p.mode === 'content_policy') {
      json.status = 'failed';
      json.error =
        json.model === FLUX
          ? 'All generated images contained NSFW content. Try running it again with a different prompt.'
          : 'NSFW content detected. Try running it again, or try a different prompt.';
      return;
    }
    const format = input.output_format === 'webp' ? 'webp' : input.output_format === 'jpg' ? 'jpeg' : 'png';
    const n = typeof input.num_outputs === 'number' ? input.num_outputs : 1;
    const bytes = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 40 * i, g: 90, b: 200 } } })
          .toFormat(format)
          .toBuffer(),
      ),
    );
    fake.outputs.set(json.id as string, bytes);
    const ext = format === 'jpeg' ? 'jpg' : format;
    json.output = bytes.map((b, i) => {
      const path = `/pbxt/${String(json.id)}/out-${i}.${ext}`;
      images.put(path, { headers: { 'content-type': `image/${format}` }, body: b });
      return p.mode === 'bad_host' ? `https://localhost:${images.port}${path}` : `${images.origin}${path}`;
    });
    json.status = 'succeeded';
  }

  /** Moves a prediction along its life cycle according to the clock. */
  async function refresh(p: FakePrediction): Promise<void> {
    if (TERMINAL.has(p.json.status as string)) return;
    if (Date.now() < p.doneAt) {
      if (p.json.status === 'starting')
        Object.assign(p.json, { status: 'processing', started_at: new Date().toISOString() });
      return;
    }
    p.finishing ??= finish(p);
    await p.finishing;
  }

  async function create(
    req: IncomingMessage,
    res: ServerResponse,
    rec: RecordedRequest,
    model: string,
    version: string,
  ): Promise<void> {
    const body = rec.body as Record<string, unknown> | undefined;
    const input = body?.input;
    const invalid = model === FLUX ? validateFluxInput(input) : validateSdxlInput(input);
    if (invalid) {
      problem(res, 422, 'Input validation failed', `- ${invalid.field}: ${invalid.description}\n`, {
        invalid_fields: [invalid],
      });
      return;
    }
    if (fake.mode === 'rate_limited') {
      problem(
        res,
        429,
        'Request was throttled',
        `Request was throttled. Expected available in ${RETRY_AFTER_SECONDS} seconds.`,
        {},
        { 'retry-after': String(RETRY_AFTER_SECONDS) },
      );
      return;
    }
    if (fake.mode === 'server_error') {
      problem(res, 500, 'Internal Server Error', 'An unexpected error occurred.');
      return;
    }
    if (fake.mode === 'malformed') {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"id": "oops", "status": ');
      return;
    }
    const id = randomBytes(13).toString('hex').slice(0, 26);
    const api = `${fake.baseUrl}/predictions/${id}`;
    const p: FakePrediction = {
      mode: fake.mode,
      doneAt: Date.now() + (fake.mode === 'slow' ? fake.slowMs : fake.processingMs),
      json: {
        id,
        model,
        version,
        input,
        logs: '',
        output: null,
        data_removed: false,
        error: null,
        status: 'starting',
        source: 'api',
        created_at: new Date().toISOString(),
        urls: {
          get: api,
          cancel: `${api}/cancel`,
          stream: `https://stream.replicate.com/v1/files/${id}`,
          web: `https://replicate.com/p/${id}`,
        },
      },
    };
    predictions.set(id, p);
    const wait = /^wait(?:=(\d+))?$/.exec(String(req.headers.prefer ?? '').trim());
    if (wait) {
      const seconds = Math.min(60, Number(wait[1] ?? 60));
      await delay(Math.max(0, Math.min(p.doneAt - Date.now(), seconds * 1000)), req);
      await refresh(p);
    }
    if (!req.socket.destroyed) sendJson(res, 201, p.json);
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rec = await record(req);
    fake.requests.push(rec);
    if (bearer(req) !== fake.token) {
      problem(res, 401, 'Unauthenticated', 'You did not pass a valid authentication token');
      return;
    }
    const { method, path } = rec;
    const byModel = /^\/v1\/models\/([^/]+)\/([^/]+)\/predictions$/.exec(path);
    const byId = /^\/v1\/predictions\/([^/]+)(\/cancel)?$/.exec(path);
    if (method === 'POST' && path === '/v1/predictions') {
      const version = (rec.body as Record<string, unknown> | undefined)?.version;
      if (version !== FAKE_SDXL_VERSION) {
        problem(
          res,
          422,
          'Invalid version or not permitted',
          "The specified version does not exist (or perhaps you don't have permission to use it?)",
        );
        return;
      }
      await create(req, res, rec, 'stability-ai/sdxl', FAKE_SDXL_VERSION);
    } else if (method === 'POST' && byModel) {
      if (`${byModel[1]}/${byModel[2]}` !== FLUX) {
        problem(res, 404, 'Not found', 'The requested resource could not be found.');
        return;
      }
      await create(req, res, rec, FLUX, 'dp-4d0bcc010b3049749a251855f12800be');
    } else if (byId && predictions.has(byId[1]!) && (method === 'GET' || (method === 'POST' && byId[2]))) {
      const p = predictions.get(byId[1]!)!;
      if (byId[2]) {
        fake.cancels.push(byId[1]!);
        if (!TERMINAL.has(p.json.status as string))
          Object.assign(p.json, { status: 'canceled', completed_at: new Date().toISOString() });
      } else await refresh(p);
      sendJson(res, 200, p.json);
    } else {
      problem(res, 404, 'Not found', 'The requested resource could not be found.');
    }
  };
  const server = await listen(handle);
  fake.baseUrl = `${server.url}/v1`;
  return Object.assign(fake, {
    stop: async () => {
      await Promise.all([server.stop(), images.stop()]);
    },
  });
}
