// Telemetry to Azure Monitor (issue #13), end to end: the backend as a process with an Application Insights
// connection string pointing at a local ingestion endpoint. Requests arrive as request telemetry carrying the
// request id of the logs; generations, spend, approvals, provider latency and provider failures arrive as
// metrics. Nothing is timed: the process flushes on SIGTERM and the test reads what arrived.
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startIngestion, type FakeIngestion } from './fakes/app-insights.ts';
import { selfSigned } from './fakes/image-host.ts';
import { startBackend, devToken, type BackendProcess } from './support/backend-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'donatello-telemetry-'));
let ingestion: FakeIngestion | undefined;
let backend: BackendProcess | undefined;
afterAll(async () => {
  await backend?.kill();
  await ingestion?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A loopback port nobody listens on: an OpenAI endpoint that refuses every connection. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function send(base: string, method: string, path: string, token: string, body?: unknown, headers = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any, requestId: res.headers.get('x-request-id') };
}

describe('telemetry to Azure Monitor', () => {
  it('sends request traces with the request id and the product metrics', async () => {
    ingestion = await startIngestion();
    const caFile = join(dir, 'test-ca.pem');
    writeFileSync(caFile, (await selfSigned()).cert);
    backend = await startBackend({
      DATA_DIR: dir,
      NODE_EXTRA_CA_CERTS: caFile,
      APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      OTEL_SERVICE_NAME: 'donatello-backend',
      // Every request traced (the default keeps at most 5 a second).
      TELEMETRY_TRACES_PER_SECOND: '0',
      AUDIT_EXPORT: 'off',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1`,
      PROVIDER_BREAKER_THRESHOLD: '100',
    });
    const b = backend.base;
    const [alice, bob, carol] = (await Promise.all(['alice', 'bob', 'carol'].map((u) => devToken(b, u)))) as [
      string,
      string,
      string,
    ];

    const health = await fetch(`${b}/api/v1/health`, { headers: { 'x-request-id': 'trace-me-0001' } });
    expect(health.status).toBe(200);
    // A generation that succeeds on the local provider, then one on OpenAI that cannot connect.
    const ok = await send(
      b,
      'POST',
      '/api/v1/generations',
      alice,
      { prompt: 'a koala at a desk', model: 'local-scene' },
      { prefer: 'wait=30' },
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const failed = await send(
      b,
      'POST',
      '/api/v1/generations',
      alice,
      { prompt: 'a koala on a bike', model: 'dall-e-3' },
      { prefer: 'wait=30' },
    );
    expect([failed.status, failed.body.code]).toEqual([503, 'no-provider-available']);
    // An overage that needs approval, and its approval.
    expect(
      (await send(b, 'PATCH', '/api/v1/departments/marketing', carol, { budget: { limitAud: '0.0100' } }))
        .status,
    ).toBe(200);
    const over = await send(
      b,
      'POST',
      '/api/v1/generations',
      alice,
      { prompt: 'a koala in a boat', model: 'local-scene' },
      { prefer: 'wait=30' },
    );
    expect(over.body.status).toBe('pending_approval');
    const decided = await send(b, 'POST', `/api/v1/approvals/${over.body.approval.id}/decision`, bob, {
      decision: 'approve',
    });
    expect(decided.status).toBe(200);

    const code = await backend.stop(); // SIGTERM: the host stops, then telemetry flushes
    expect(code, backend.output().slice(-3000)).toBe(0);

    const requests = ingestion.of('RequestData');
    const traced = requests.find((r) => r.data.baseData.properties?.['request.id'] === 'trace-me-0001');
    expect(traced?.data.baseData).toMatchObject({
      name: 'GET /api/v1/health',
      responseCode: '200',
      success: true,
    });
    expect(traced?.tags?.['ai.cloud.role']).toBe('donatello-backend');
    const generationRequest = requests.find(
      (r) => r.data.baseData.properties?.['request.id'] === ok.requestId,
    );
    expect(generationRequest?.data.baseData).toMatchObject({
      name: 'POST /api/v1/generations',
      responseCode: '201',
    });

    const metrics = ingestion.of('MetricData').flatMap((e) =>
      (e.data.baseData.metrics as { name: string; value: number }[]).map((m) => ({
        name: m.name,
        value: m.value,
        props: e.data.baseData.properties as Record<string, string>,
      })),
    );
    const sum = (name: string, props: Record<string, string> = {}) =>
      metrics
        .filter((m) => m.name === name && Object.entries(props).every(([k, v]) => m.props?.[k] === v))
        .reduce((n, m) => n + m.value, 0);
    expect(sum('donatello.generations', { outcome: 'requested' })).toBe(3);
    expect(sum('donatello.generations', { outcome: 'succeeded', provider: 'local' })).toBe(2);
    expect(sum('donatello.generations', { outcome: 'failed' })).toBe(1);
    expect(sum('donatello.approvals', { decision: 'requested' })).toBe(1);
    expect(sum('donatello.approvals', { decision: 'approved' })).toBe(1);
    expect(sum('donatello.spend', { provider: 'local' })).toBeCloseTo(0.04, 6); // two local images at A$0.02
    expect(sum('donatello.provider.failures', { provider: 'openai' })).toBeGreaterThanOrEqual(1);
    expect(
      metrics.some((m) => m.name === 'donatello.provider.duration' && m.props?.provider === 'local'),
    ).toBe(true);
  });
});
