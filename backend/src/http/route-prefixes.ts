// A group of routers mounted as one: each is entered, in order, only for the paths its own routes can match.
// The app mounts about fifteen routers at `/`, and Express tries every route of every router in turn: a gallery
// page walked 59 layers (about 2 µs each) before its handler ran, most of them routes of other routers that
// could never match `/api/v1/generations`. What must not break: a router may be entered when it need not be
// (it then passes the request on, as it always did), but is never skipped when it would have matched. So the
// prefixes come from each router's own stack, read again whenever that stack grows, and a router with a path
// this cannot read (a RegExp, a parameter first) is always entered.
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';

/** What Express keeps of each `get`/`use` on a router (router 2.x `Layer`). */
interface LayerLike {
  rawPath?: unknown;
}

/**
 * The literal start of a route path: everything before its first parameter, wildcard, optional group or
 * escape (`/api/v1/generations/:id` -> `/api/v1/generations/`). Express matches literal text case-insensitively
 * (ASCII only) unless the router says otherwise, so then the prefix is compared in lower case.
 */
function literalStart(path: string): string {
  const m = /^[A-Za-z0-9/._~-]*/.exec(path);
  return m ? m[0] : '';
}

class Entry {
  readonly router: Router;
  private readonly sensitive: boolean;
  private seen = -1;
  /** null: enter for every path. */
  private prefixes: string[] | null = null;
  constructor(router: Router) {
    this.router = router;
    this.sensitive = (router as { caseSensitive?: boolean }).caseSensitive === true;
  }

  fits(path: string, lower: string): boolean {
    if (this.router.stack.length !== this.seen) this.read();
    if (this.prefixes === null) return true;
    const p = this.sensitive ? path : lower;
    for (const prefix of this.prefixes) if (p.startsWith(prefix)) return true;
    return false;
  }

  private read(): void {
    this.seen = this.router.stack.length;
    const out = new Set<string>();
    for (const layer of this.router.stack as LayerLike[]) {
      const paths = Array.isArray(layer.rawPath) ? layer.rawPath : [layer.rawPath];
      for (const p of paths) {
        const start = typeof p === 'string' ? literalStart(p) : '';
        if (start === '' || start === '/') {
          this.prefixes = null;
          return;
        }
        out.add(this.sensitive ? start : start.toLowerCase());
      }
    }
    this.prefixes = [...out];
  }
}

/** `app.use(r)` for each router in order, as one handler that skips the routers whose routes cannot match. */
export function routersByPrefix(routers: Router[]): RequestHandler {
  const entries = routers.map((r) => new Entry(r));
  const handler = function routeByPrefix(req: Request, res: Response, done: NextFunction): void {
    const path = req.path;
    const lower = path.toLowerCase();
    let i = 0;
    // A router calls this when it has no route for the request (or with an error, which ends the group as
    // Express's own next(err) would: routers never take errors).
    const next = (err?: unknown): void => {
      if (err) {
        done(err);
        return;
      }
      while (i < entries.length) {
        const entry = entries[i++]!;
        if (entry.fits(path, lower)) {
          entry.router(req, res, next);
          return;
        }
      }
      done();
    };
    next();
  };
  // The group's routes, as a Router shows its own: whatever lists an app's routes (the OpenAPI route walk in
  // the tests) walks `stack` and finds each router's layers, in order.
  Object.defineProperty(handler, 'stack', { get: () => routers.flatMap((r) => r.stack) });
  return handler;
}
