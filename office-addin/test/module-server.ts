// Serves the add-in's TypeScript modules to a real browser for tests, with the types stripped by Node (the
// same type stripping that runs the backend), so a test page can `import` the host modules unbundled.
// Only files under office-addin/src are served; everything else is 404.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { stripTypeScriptTypes } from 'node:module';
import { resolve, sep } from 'node:path';

const SRC = resolve(import.meta.dirname, '../src');

export interface ModuleServer {
  url: string;
  close(): Promise<void>;
}

/** `pages` maps a path ("/index.html") to the HTML served there. */
export async function serveModules(pages: Record<string, string>): Promise<ModuleServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const page = pages[path];
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      return;
    }
    const file = resolve(SRC, `.${path.replace(/^\/src/, '')}`);
    if (!path.startsWith('/src/') || !file.startsWith(SRC + sep) || !file.endsWith('.ts')) {
      res.writeHead(404).end();
      return;
    }
    readFile(file, 'utf8').then(
      (code) =>
        res
          .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
          .end(stripTypeScriptTypes(code)),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
