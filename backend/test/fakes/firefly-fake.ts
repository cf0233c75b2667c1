// A local stand-in for Adobe Firefly Services' image generation: the v3 sync POST /v3/images/generate and
// async POST /v3/images/generate-async + GET /v3/status/{jobId} + PUT /v3/cancel/{jobId}. Requires an IMS
// bearer token (from the fake IMS) and `x-api-key`; validates the body; answers with Firefly's error codes.
// Outputs are JPEGs on an HTTPS host standing in for the pre-signed S3 store.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import {
  SLOW_FAKE_MS,
  RETRY_AFTER_SECONDS,
  bearer,
  delay,
  listen,
  record,
  sendJson,
  sendMalformed,
  type FakeMode,
  type RecordedRequest,
} from './common.ts';
import { startFakeIms, type FakeIms } from './ims-fake.ts';
import { startImageHost, type ImageHost } from './image-host.ts';
import { validateFireflyBody } from './firefly-inputs.ts';

interface Job {
  id: string;
  body: Record<string, unknown>;
  mode: FakeMode;
  doneAt: number;
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'canceled';
  result?: Record<string, unknown>;
}

export interface FakeFirefly {
  baseUrl: string;
  clientId: string;
  ims: FakeIms;
  images: ImageHost;
  mode: FakeMode;
  /** `content_policy` refuses at submit (HTTP 451) or fails the job (output_media_unsafe). */
  contentPolicyAt: 'submit' | 'job';
  jobMs: number;
  slowMs: number;
  requests: RecordedRequest[];
  cancels: string[];
  /** JPEG bytes served per job id (sync calls get `sync-<n>`). */
  outputs: Map<string, Buffer[]>;
  stop(): Promise<void>;
}

const err = (code: string, message: string): Record<string, unknown> => ({ error_code: code, message });

export async function startFakeFirefly(
  clientId = 'ff-client-id',
  clientSecret = 'ff-client-secret',
): Promise<FakeFirefly> {
  const ims = await startFakeIms(clientId, clientSecret);
  const images = await startImageHost();
  const jobs = new Map<string, Job>();
  const fake = {
    baseUrl: '',
    clientId,
    ims,
    images,
    mode: 'ok' as FakeMode,
    contentPolicyAt: 'submit' as 'submit' | 'job',
    jobMs: 30,
    slowMs: SLOW_FAKE_MS,
    requests: [] as RecordedRequest[],
    cancels: [] as string[],
    outputs: new Map<string, Buffer[]>(),
  };

  async function render(
    key: string,
    body: Record<string, unknown>,
    mode: FakeMode,
  ): Promise<Record<string, unknown>> {
    const n = typeof body.numVariations === 'number' ? body.numVariations : 1;
    const bytes = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 250, g: 30 * i, b: 10 } } })
          .jpeg()
          .toBuffer(),
      ),
    );
    fake.outputs.set(key, bytes);
    const outputs = bytes.map((b, i) => {
      const path = `/images/${randomUUID()}.jpg`;
      images.put(path, { headers: { 'content-type': 'image/jpeg' }, body: b });
      const host = mode === 'bad_host' ? `https://localhost:${images.port}` : images.origin;
      return {
        seed: 1000 + i,
        image: {
          url: `${host}${path}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600&X-Amz-Signature=fake`,
        },
      };
    });
    return {
      size: body.size ?? { width: 2048, height: 2048 },
      outputs,
      contentClass: body.contentClass ?? 'photo',
    };
  }

  async function advance(job: Job): Promise<void> {
    if (job.status === 'succeeded' || job.status === 'failed' || job.status === 'canceled') return;
    if (Date.now() < job.doneAt) {
      job.status = 'running';
      return;
    }
    if (job.mode === 'content_policy') job.status = 'failed';
    else {
      job.result ??= await render(job.id, job.body, job.mode);
      job.status = 'succeeded';
    }
  }

  function jobView(job: Job): Record<string, unknown> {
    if (job.status === 'succeeded') return { jobId: job.id, status: job.status, result: job.result };
    if (job.status === 'failed')
      return {
        jobId: job.id,
        status: job.status,
        ...err('output_media_unsafe', 'The generated content was flagged as unsafe and cannot be returned.'),
      };
    return { jobId: job.id, status: job.status, progress: job.status === 'running' ? 50 : 0 };
  }

  /** Submit-time faults shared by the sync and async endpoints; true when it answered. */
  function submitFault(res: ServerResponse): boolean {
    switch (fake.mode) {
      case 'rate_limited':
        sendJson(res, 429, err('rate_limited', 'Too Many Requests'), {
          'retry-after': String(RETRY_AFTER_SECONDS),
        });
        return true;
      case 'server_error':
        sendJson(res, 500, err('runtime_error', 'Internal Server Error'));
        return true;
      case 'malformed':
        sendMalformed(res, 200);
        return true;
      case 'content_policy':
        if (fake.contentPolicyAt !== 'submit') return false;
        sendJson(
          res,
          451,
          err(
            'prompt_unsafe',
            'The provided prompt is considered unsafe and it cannot be used to generate content.',
          ),
        );
        return true;
      default:
        return false;
    }
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rec = await record(req);
    fake.requests.push(rec);
    if (!ims.isValid(bearer(req))) return sendJson(res, 401, err('401013', 'Oauth token is not valid'));
    if (req.headers['x-api-key'] !== fake.clientId)
      return sendJson(res, 403, err('403003', 'Api Key is invalid'));
    const { method, path } = rec;
    const status = /^\/v3\/status\/([^/]+)$/.exec(path);
    const cancel = /^\/v3\/cancel\/([^/]+)$/.exec(path);
    if (method === 'POST' && (path === '/v3/images/generate' || path === '/v3/images/generate-async')) {
      const invalid = validateFireflyBody(rec.body, req.headers['x-model-version']);
      if (invalid)
        return sendJson(res, 400, {
          ...err('validation_error', 'request body validation error'),
          validation_errors: [invalid],
        });
      if (submitFault(res)) return;
      const body = rec.body as Record<string, unknown>;
      if (path === '/v3/images/generate') {
        await delay(fake.mode === 'slow' ? fake.slowMs : fake.jobMs, req);
        if (req.socket.destroyed) return;
        const key = `sync-${fake.outputs.size + 1}`;
        return sendJson(res, 200, await render(key, body, fake.mode));
      }
      const id = `urn:ff:jobs:fake:${randomUUID()}`;
      jobs.set(id, {
        id,
        body,
        mode: fake.mode,
        status: 'pending',
        doneAt: Date.now() + (fake.mode === 'slow' ? fake.slowMs : fake.jobMs),
      });
      return sendJson(res, 202, {
        jobId: id,
        statusUrl: `${fake.baseUrl}/v3/status/${id}`,
        cancelUrl: `${fake.baseUrl}/v3/cancel/${id}`,
      });
    }
    const job = jobs.get((status ?? cancel)?.[1] ?? '');
    if ((status && method === 'GET') || (cancel && method === 'PUT')) {
      if (!job) return sendJson(res, 404, err('unknown_job_id', 'Job not found'));
      if (cancel) {
        fake.cancels.push(job.id);
        if (job.status === 'pending' || job.status === 'running') job.status = 'canceled';
        return sendJson(res, 200, { jobId: job.id, status: job.status });
      }
      await advance(job);
      return sendJson(res, 200, jobView(job));
    }
    sendJson(res, 404, err('not_found', 'Resource not found'));
  };
  const server = await listen(handle);
  fake.baseUrl = server.url;
  return Object.assign(fake, {
    stop: async () => {
      await Promise.all([server.stop(), ims.stop(), images.stop()]);
    },
  });
}
