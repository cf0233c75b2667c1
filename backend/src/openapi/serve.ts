// GET /api/v1/openapi.json and the interactive reference at GET /api/v1/docs, both without sign-in (they hold
// no data). The page is Swagger UI from the swagger-ui-dist package plus page/reference.js, all served from here:
// no CDN, and no inline script, so the site-wide CSP (script-src 'self') holds on this page too.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router, type Response } from 'express';
import { NotFoundError } from '../domain/errors.ts';
import type { DevUser } from '../dev/seed.ts';
import type { OpenApiDocument } from './document.ts';

const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const PAGE = join(import.meta.dirname, 'page');

/** The only files under /api/v1/docs/assets/, and where each lives. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': join(SWAGGER_UI, 'swagger-ui.css'),
  'swagger-ui-bundle.js': join(SWAGGER_UI, 'swagger-ui-bundle.js'),
  'favicon-32x32.png': join(SWAGGER_UI, 'favicon-32x32.png'),
  'reference.js': join(PAGE, 'reference.js'),
  'reference.css': join(PAGE, 'reference.css'),
};

export interface ReferenceOptions {
  /** Seeded users the page can get dev tokens for (development only); empty hides the dev sign-in. */
  devUsers: DevUser[];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(version: string, devUsers: DevUser[]): string {
  const options = devUsers
    .map((u) => {
      const where = u.departmentId ? `, ${u.departmentId}` : '';
      return `<option value="${escapeHtml(u.name)}">${escapeHtml(`${u.displayName} (${u.role}${where})`)}</option>`;
    })
    .join('');
  const devSignIn = devUsers.length
    ? `<form id="dev-sign-in" class="dn-dev">
        <label for="dev-user">Try it out as</label>
        <select id="dev-user" name="user">${options}</select>
        <button type="submit">Use a dev token</button>
        <span id="dev-status" role="status" aria-live="polite"></span>
      </form>`
    : '';
  // Any deployment: calls with an access token the person already has (say, an Entra token for this API).
  const tokenSignIn = `<form id="token-sign-in" class="dn-dev">
        <label for="access-token">${devUsers.length ? 'or with' : 'Try it out with'} an access token</label>
        <input id="access-token" name="token" type="password" autocomplete="off" spellcheck="false" />
        <button type="submit">Use this token</button>
        <span id="token-status" role="status" aria-live="polite"></span>
      </form>`;
  const v = encodeURIComponent(version);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>DonatelloAI API reference</title>
    <link rel="icon" type="image/png" href="/api/v1/docs/assets/favicon-32x32.png" />
    <link rel="stylesheet" href="/api/v1/docs/assets/swagger-ui.css?v=${v}" />
    <link rel="stylesheet" href="/api/v1/docs/assets/reference.css?v=${v}" />
  </head>
  <body data-spec="/api/v1/openapi.json">
    <header class="dn-bar">
      <h1>DonatelloAI API reference</h1>
      <a href="/api/v1/openapi.json" download="donatello-openapi.json">OpenAPI 3.1 document</a>
      ${devSignIn}
      ${tokenSignIn}
    </header>
    <main id="swagger-ui"></main>
    <script src="/api/v1/docs/assets/swagger-ui-bundle.js?v=${v}"></script>
    <script src="/api/v1/docs/assets/reference.js?v=${v}"></script>
  </body>
</html>
`;
}

export function referenceRoutes(doc: OpenApiDocument, options: ReferenceOptions): Router {
  const json = JSON.stringify(doc);
  const etag = `"${createHash('sha256').update(json).digest('base64url')}"`;
  const html = page(doc.info.version, options.devUsers);
  const r = Router();
  r.get('/api/v1/openapi.json', (req, res) => {
    res.setHeader('ETag', etag);
    // Revalidate each time: the document changes when the server is upgraded or reconfigured.
    res.setHeader('Cache-Control', 'no-cache');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(json);
  });
  r.get('/api/v1/docs', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(html);
  });
  // Middleware, not routes: the files are the page's parts, not API operations.
  r.use('/api/v1/docs/assets', (req, res: Response, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = ASSETS[req.path.slice(1)];
    if (!file) throw new NotFoundError(`Asset ${req.path}`);
    res.sendFile(file, { maxAge: '1d', dotfiles: 'deny' }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  });
  return r;
}
