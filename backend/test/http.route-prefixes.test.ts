// Routers grouped and entered only under their routes' prefixes (http/route-prefixes.ts) must answer every request exactly as
// the same routers mounted plainly do: two real Express apps side by side, the same requests to both.
import { once } from 'node:events';
import type { Server } from 'node:http';
import express, { Router, type Express, type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { routersByPrefix } from '../src/http/route-prefixes.ts';

function routers(): Router[] {
  const things = Router();
  things.get('/api/v1/things', (_req, res) => void res.send('things'));
  things.get('/api/v1/things/:id', (req, res) => void res.send(`thing ${String(req.params.id)}`));
  things.delete('/api/v1/things/:id', (_req, res) => void res.status(204).end());
  // Same first segment as `things`, a later router: a request it does not match must still reach it.
  const thingUsage = Router();
  thingUsage.get(
    '/api/v1/things/:id/usage.csv',
    (req, res) => void res.send(`usage ${String(req.params.id)}`),
  );
  const assets = Router();
  assets.use('/static/assets', (req, res) => void res.send(`asset ${req.path}`));
  assets.get('/static{/*rest}', (_req, res) => void res.send('page'));
  const pattern = Router();
  pattern.get(/^\/legacy-(\d+)$/, (req, res) => void res.send(`legacy ${String(req.params[0])}`));
  const exact = Router({ caseSensitive: true });
  exact.get('/Exact/Case', (_req, res) => void res.send('exact'));
  // Errors leave the group for the error handler, from a handler's next(err) and from a rejected promise;
  // next('router') leaves one router for the next.
  const failing = Router();
  failing.get('/fail/next', (_req, _res, next) => next(new Error('passed on')));
  failing.get('/fail/async', async () => {
    throw new Error('rejected');
  });
  failing.get('/api/v1/things/skip', (_req, _res, next) => next('router'));
  const anything = Router();
  anything.get('/:page', (req, res, next) => {
    if (req.params.page === 'catch') res.send('caught');
    else next();
  });
  return [failing, things, thingUsage, assets, pattern, exact, anything];
}

function app(guarded: boolean): { app: Express; late: Router } {
  const a = express();
  const all = routers();
  if (guarded) a.use(routersByPrefix(all));
  else for (const r of all) a.use(r);
  a.use((_req, res) => void res.status(404).send('none'));
  a.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).send(`error ${err.message}`);
  });
  return { app: a, late: all[1]! };
}

const servers: Server[] = [];
const bases: string[] = [];
beforeAll(async () => {
  for (const guarded of [false, true]) {
    const { app: a, late } = app(guarded);
    const server = a.listen(0, '127.0.0.1');
    await once(server, 'listening');
    servers.push(server);
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    bases.push(`http://127.0.0.1:${address.port}`);
    // A route added after the app has answered requests is found too.
    expect((await fetch(`${bases.at(-1)}/api/v1/things`)).status).toBe(200);
    late.get('/later/added', (_req, res) => void res.send('later'));
  }
});
afterAll(() => servers.forEach((s) => s.close()));

const requests: [string, string][] = [
  ['GET', '/api/v1/things'],
  ['GET', '/api/v1/things/'],
  ['GET', '/API/V1/Things/7'],
  ['GET', '/api/v1/things/7?x=1'],
  ['DELETE', '/api/v1/things/7'],
  ['GET', '/api/v1/things/7/usage.csv'],
  ['GET', '/api/v1/THINGS/7/usage.csv'],
  ['GET', '/api/v1/thing'],
  ['GET', '/api/v1/thingsx'],
  ['GET', '/static/assets/app.js'],
  ['GET', '/Static/Assets/app.js'],
  ['GET', '/static/'],
  ['GET', '/static/deep/page'],
  ['GET', '/legacy-42'],
  ['GET', '/Exact/Case'],
  ['GET', '/exact/case'],
  ['GET', '/catch'],
  ['GET', '/later/added'],
  ['GET', '/LATER/added/'],
  ['GET', '/nothing/here'],
  ['GET', '/fail/next'],
  ['GET', '/fail/async'],
  ['GET', '/api/v1/things/skip'],
  ['GET', '/%61pi/v1/things'],
];

it('answers every request as the plainly mounted routers do', async () => {
  for (const [method, path] of requests) {
    const [plain, guarded] = await Promise.all(
      bases.map(async (base) => {
        const res = await fetch(`${base}${path}`, { method });
        return `${res.status} ${await res.text()}`;
      }),
    );
    expect(guarded, `${method} ${path}`).toBe(plain);
  }
  // The matrix really reaches each kind of router (a guard that entered nothing would fail here).
  const answers = await Promise.all(
    [
      '/API/V1/Things/7',
      '/api/v1/things/7/usage.csv',
      '/Static/Assets/app.js',
      '/legacy-42',
      '/later/added',
      '/fail/async',
      '/api/v1/things/skip',
    ].map(async (p) => (await fetch(`${bases[1]}${p}`)).text()),
  );
  expect(answers).toEqual([
    'thing 7',
    'usage 7',
    'asset /app.js',
    'legacy 42',
    'later',
    'error rejected',
    'thing skip',
  ]);
});
