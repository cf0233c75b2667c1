// A stand-in for Application Insights' ingestion endpoint (the `IngestionEndpoint` of a connection string),
// following its track API: POST /v2.1/track with a JSON array of telemetry envelopes (gzip when the client
// says so), answered with {itemsReceived, itemsAccepted, errors}. It keeps every envelope for the test to read.
// HTTPS only, like the real one (the exporter rewrites http:// endpoints to https://): the client must trust
// `selfSigned()`'s certificate (NODE_EXTRA_CA_CERTS).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { selfSigned } from './image-host.ts';
import { once } from 'node:events';
import { gunzipSync } from 'node:zlib';

export interface Envelope {
  name: string;
  iKey?: string;
  tags?: Record<string, string>;
  data: { baseType: string; baseData: Record<string, any> };
}

export interface FakeIngestion {
  /** A connection string pointing at this server. */
  connectionString: string;
  envelopes: Envelope[];
  /** Envelopes of one kind: RequestData, RemoteDependencyData, MetricData, MessageData... */
  of(baseType: string): Envelope[];
  stop(): Promise<void>;
}

export const INSTRUMENTATION_KEY = 'a11ce000-0000-4000-8000-00000000a115';

export async function startIngestion(): Promise<FakeIngestion> {
  const envelopes: Envelope[] = [];
  const server = createServer(await selfSigned(), (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => answer(req, res, Buffer.concat(chunks)));
  });
  const answer = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    let raw = body;
    if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
    res.setHeader('content-type', 'application/json');
    if (req.method !== 'POST' || !req.url?.startsWith('/v2.1/track')) {
      res.statusCode = 404;
      res.end('{}');
      return;
    }
    const text = raw.toString('utf8').trim();
    // An array, or newline-delimited envelopes.
    const items = (
      text.startsWith('[') ? JSON.parse(text) : text.split('\n').map((l) => JSON.parse(l))
    ) as Envelope[];
    envelopes.push(...items);
    res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
  };
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const base = `https://127.0.0.1:${port}/`;
  return {
    connectionString: `InstrumentationKey=${INSTRUMENTATION_KEY};IngestionEndpoint=${base};LiveEndpoint=${base}`,
    envelopes,
    of: (baseType) => envelopes.filter((e) => e.data?.baseType === baseType),
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
