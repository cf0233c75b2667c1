// Runs the Microsoft 365 Agents Playground (`agentsplayground` from @microsoft/m365agentsplayground) as a child
// process against a bot endpoint, with the generated config, and waits until its API answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { writePlaygroundConfig, type PlaygroundConfigOptions } from './playground-config.ts';

export const DEFAULT_PLAYGROUND_PORT = 56150;

export interface PlaygroundOptions extends PlaygroundConfigOptions {
  port: number;
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  endpoint: string;
  /** Working directory: the config file and the Playground's log go here. */
  dir: string;
  /** Extra environment for the child (PATH is passed through). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface PlaygroundProcess {
  child: ChildProcess;
  port: number;
  url: string;
  configPath: string;
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** The path of the `agentsplayground` bin, resolved from node_modules (no shell, no npx). */
export function playgroundBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@microsoft/m365agentsplayground/package.json');
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> }).bin
    .agentsplayground;
  if (!bin) throw new Error('@microsoft/m365agentsplayground has no agentsplayground bin');
  return join(dirname(manifest), bin);
}

const exited = (child: ChildProcess) =>
  new Promise<void>((r) =>
    child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r()),
  );

/** True when nothing listens on `port`: otherwise another Playground could answer the readiness check for ours. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, () => srv.close(() => resolve(true)));
  });
}

export async function startPlayground(options: PlaygroundOptions): Promise<PlaygroundProcess> {
  if (!(await portFree(options.port))) {
    throw new Error(`port ${options.port} is in use (another Agents Playground?); set PLAYGROUND_PORT`);
  }
  const configPath = writePlaygroundConfig(options.dir, options);
  const child = spawn(
    process.execPath,
    [
      playgroundBin(),
      '-e',
      options.endpoint,
      '-c',
      'msteams',
      '--disable-telemetry',
      '-p',
      String(options.port),
    ],
    {
      cwd: options.dir,
      env: {
        PATH: process.env.PATH ?? '',
        ...options.env,
        // No browser tab from a server process; the config file and log stay in our directory.
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: join(options.dir, 'm365agentsplayground.log'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://localhost:${options.port}`;
  const stop = async (graceMs = 5000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited(child);
    clearTimeout(t);
  };

  // Generous: on a busy machine the Playground can take tens of seconds to answer the first time.
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`Agents Playground exited with code ${child.exitCode}:\n${out}`);
    const ok = await fetch(`http://127.0.0.1:${options.port}/_internal/v1/config`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Agents Playground did not answer on port ${options.port}:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port: options.port, url, configPath, output: () => out, stop };
}
