// Serves a built single-page web surface (the Teams tab at /tab/, the Office add-in's task pane at /addin/) from
// its Vite output. Hashed files under assets/ are cached for a year; every other path answers the entry page
// (index.html, or the add-in's taskpane.html), never cached, so a new build shows on the next load and deep links
// such as /tab/gallery work. Files are read at request time:
// rebuilding while the backend runs needs no restart. Nothing outside `dir` is ever served (express.static and
// sendFile with a root refuse `..`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { AppError } from '../domain/errors.ts';

export interface WebPagesOptions {
  /** Where the pages are mounted, e.g. `/tab`. */
  mount: string;
  /** The build output: index.html, assets/ and other entry pages. */
  dir: string;
  /** The command that builds them, for the message when they are missing. */
  buildCommand: string;
  /** The page every client-side route answers with; index.html by default. */
  entry?: string;
  /** Headers of these pages only (the add-in's own content security policy), set before anything is sent. */
  headers?: RequestHandler;
}

export function webPages(opts: WebPagesOptions): Router {
  const r = Router();
  const entry = opts.entry ?? 'index.html';
  const built = () => existsSync(join(opts.dir, entry));
  // Relative asset URLs need the trailing slash (the router is not strict: /tab/ would match too).
  r.get(opts.mount, (req, res, next) => {
    if (req.originalUrl.split('?')[0] === opts.mount) res.redirect(308, `${opts.mount}/`);
    else next();
  });
  if (opts.headers) r.use(`${opts.mount}/`, opts.headers);
  r.use(`${opts.mount}/`, (req, _res, next) => {
    if (!built() && (req.method === 'GET' || req.method === 'HEAD')) {
      next(
        new AppError(
          'service-unavailable',
          503,
          'The pages are not built',
          `Run "${opts.buildCommand}" (npm start does it for you)`,
        ),
      );
      return;
    }
    next();
  });
  r.use(
    `${opts.mount}/assets`,
    express.static(join(opts.dir, 'assets'), { index: false, immutable: true, maxAge: '365d' }),
  );
  r.use(
    `${opts.mount}/`,
    express.static(opts.dir, {
      index: false,
      redirect: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  // Client-side routes (/tab/, /tab/gallery, /tab/config): the app reads the path and the hash itself.
  r.get(`${opts.mount}/{*route}`, (req, res, next) => {
    if (/\.[a-z0-9]+$/i.test(req.path)) {
      next(); // a missing file is a 404, not the app
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(entry, { root: opts.dir });
  });
  return r;
}
