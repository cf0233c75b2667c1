// A small HTTPS file host standing in for provider output stores (replicate.delivery, Firefly's pre-signed
// S3 URLs). Its certificate is self-signed with `selfsigned` for 127.0.0.1 and localhost; tests hand the
// PEM to the safe fetcher as an extra CA. It counts requests so tests can prove a refused URL was never hit.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { generate } from 'selfsigned';
import { delay, stopServer } from './common.ts';

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Sends the body in pieces without a content-length (checks the streaming size cap). */
  chunked?: boolean;
  /** Waits this long before answering (checks cancellation). */
  delayMs?: number;
}

export interface ImageHost {
  /** `https://127.0.0.1:<port>` */
  origin: string;
  port: number;
  /** PEM of the self-signed certificate, to trust it. */
  ca: string;
  put(path: string, route: Route): string;
  /** Serves a PNG at `path` and returns its URL. */
  putPng(path: string, png: Buffer): string;
  hits: number;
  hitsFor(path: string): number;
  stop(): Promise<void>;
}

let certificate: Promise<{ key: string; cert: string }> | undefined;

export function selfSigned(): Promise<{ key: string; cert: string }> {
  certificate ??= generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return certificate;
}

export async function startImageHost(): Promise<ImageHost> {
  const { key, cert } = await selfSigned();
  const routes = new Map<string, Route>();
  const hitsByPath = new Map<string, number>();
  let hits = 0;
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    hits++;
    hitsByPath.set(path, (hitsByPath.get(path) ?? 0) + 1);
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.end('<Error><Code>NoSuchKey</Code></Error>');
      return;
    }
    if (route.delayMs) await delay(route.delayMs, req);
    if (req.socket.destroyed) return;
    const body = route.body ?? Buffer.alloc(0);
    const headers = { ...route.headers };
    if (!route.chunked) headers['content-length'] ??= String(body.length);
    res.writeHead(route.status ?? 200, headers);
    if (!route.chunked) {
      res.end(body);
      return;
    }
    for (let i = 0; i < body.length; i += 64 * 1024) res.write(body.subarray(i, i + 64 * 1024));
    res.end();
  };
  const server: Server = createServer({ key, cert }, (req, res) => {
    serve(req, res).catch(() => res.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const origin = `https://127.0.0.1:${port}`;
  const put = (path: string, route: Route): string => {
    routes.set(path, route);
    return `${origin}${path}`;
  };
  return {
    origin,
    port,
    ca: cert,
    put,
    putPng: (path, png) => put(path, { headers: { 'content-type': 'image/png' }, body: png }),
    get hits() {
      return hits;
    },
    hitsFor: (path) => hitsByPath.get(path) ?? 0,
    stop: () => stopServer(server),
  };
}
