// Starts the real local servers the adapter tests run against: the Cosmos DB test server
// (@vercel/cosmosdb-server) and Azurite's blob service. Each on a free loopback port, each stopped at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

async function waitForPort(
  port: number,
  child: ChildProcess,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`);
}

function binOf(pkg: string, name: string): string {
  const manifest = require.resolve(`${pkg}/package.json`);
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> }).bin[name];
  if (!bin) throw new Error(`${pkg} has no bin ${name}`);
  return join(dirname(manifest), bin);
}

export interface RunningServer {
  stop(): Promise<void>;
}

function stopper(child: ChildProcess, cleanup?: () => void): () => Promise<void> {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    cleanup?.();
  };
}

export async function startCosmos(): Promise<RunningServer & { endpoint: string; key: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [binOf('@vercel/cosmosdb-server', 'cosmosdb-server'), '-p', String(port)],
    {
      stdio: 'ignore',
    },
  );
  await waitForPort(port, child, 'cosmosdb-server');
  return {
    endpoint: `https://127.0.0.1:${port}`,
    // The test server accepts any well-formed key; the SDK only needs base64 for its HMAC.
    key: Buffer.from('donatello-test-key').toString('base64'),
    stop: stopper(child),
  };
}

/**
 * `oauth`: serve HTTPS with this certificate and accept bearer tokens (Azurite's "basic" OAuth checks a token's
 * issuer, audience and lifetime), so keyless clients can be tested; `blobUrl` is then the https endpoint.
 */
export async function startAzurite(
  options: { oauth?: { cert: string; key: string } } = {},
): Promise<RunningServer & { connectionString: string; blobUrl: string }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'azurite-'));
  const tls: string[] = [];
  if (options.oauth) {
    writeFileSync(join(dir, 'cert.pem'), options.oauth.cert);
    writeFileSync(join(dir, 'key.pem'), options.oauth.key);
    tls.push('--cert', join(dir, 'cert.pem'), '--key', join(dir, 'key.pem'), '--oauth', 'basic');
  }
  const child = spawn(
    process.execPath,
    [
      binOf('azurite', 'azurite-blob'),
      '--silent',
      '--location',
      dir,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--skipApiVersionCheck',
      ...tls,
    ],
    { stdio: 'ignore' },
  );
  await waitForPort(port, child, 'azurite-blob');
  // Azurite's published development account (devstoreaccount1); not a secret.
  const account = 'devstoreaccount1';
  const accountKey =
    'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
  const scheme = options.oauth ? 'https' : 'http';
  return {
    blobUrl: `${scheme}://127.0.0.1:${port}/${account}`,
    connectionString: `DefaultEndpointsProtocol=${scheme};AccountName=${account};AccountKey=${accountKey};BlobEndpoint=${scheme}://127.0.0.1:${port}/${account};`,
    stop: stopper(child, () => rmSync(dir, { recursive: true, force: true })),
  };
}
