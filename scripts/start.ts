// `npm start`: the backend (node backend/src/main.ts) plus, in development, the Microsoft 365 Agents Playground
// pointed at its bot endpoint, so the Teams bot can be tried offline. PLAYGROUND=off or NODE_ENV=production runs the
// backend alone. The backend runs as its own process so it starts exactly as in production (its own config
// loading, banner and signal handling); this script adds the Playground's URL to that banner and stops both.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigError, loadConfig, type Config } from '../backend/src/config.ts';
import { DEFAULT_PLAYGROUND_PORT, startPlayground, type PlaygroundProcess } from './playground.ts';

const MAIN = resolve(import.meta.dirname, '../backend/src/main.ts');
const STOP_LINE = /^\s+Stop with Ctrl\+C\./;

const env: Record<string, string | undefined> = { ...process.env };
const withPlayground = env.PLAYGROUND !== 'off' && env.NODE_ENV !== 'production';
const playgroundPort = Number(env.PLAYGROUND_PORT ?? DEFAULT_PLAYGROUND_PORT);
if (withPlayground && !(Number.isInteger(playgroundPort) && playgroundPort > 0 && playgroundPort < 65536)) {
  process.stderr.write(
    `Invalid configuration:\n  PLAYGROUND_PORT: ${env.PLAYGROUND_PORT} is not a port number\n`,
  );
  process.exit(78);
}
// Replies and proactive messages go to the Playground's connector (a dev-mode setting of the bot).
if (withPlayground) env.BOT_DEV_SERVICE_URL ??= `http://localhost:${playgroundPort}/_connector`;

// The same config loading main.ts does, for the port, data directory and dev tenant the Playground needs.
let config: Config;
try {
  config = loadConfig(env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(78); // EX_CONFIG, as main.ts
}

const backend = spawn(process.execPath, [MAIN], { env, stdio: ['inherit', 'pipe', 'inherit'] });
let playground: PlaygroundProcess | null = null;
let stopping = false;

backend.once('exit', (code, signal) => {
  stopping = true;
  void (playground?.stop() ?? Promise.resolve()).then(() => process.exit(code ?? (signal ? 1 : 0)));
});

const stop = (signal: NodeJS.Signals) => {
  if (stopping) {
    // A second Ctrl+C: do not wait for a graceful shutdown.
    backend.kill('SIGKILL');
    void playground?.stop(0);
    return;
  }
  stopping = true;
  process.stderr.write(`${signal}: stopping\n`);
  // SIGTERM even after Ctrl+C: the terminal already sent SIGINT to the whole group, and main.ts handles each
  // signal once, so another SIGINT would end it without a graceful shutdown.
  if (backend.exitCode === null) backend.kill('SIGTERM');
  void playground?.stop();
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

// The backend's output passes through, except that with the Playground its banner is held until the Playground
// is up, so the Playground's URL can join it. The Playground starts second because at start it delivers install
// events to the bot endpoint and, when nothing answers there yet, waits on them for some 15 s.
let held: string[] | null = null;
let bannerShown: (port: number) => void = () => {};
const banner = new Promise<number>((resolve) => (bannerShown = resolve));
createInterface({ input: backend.stdout }).on('line', (line) => {
  if (withPlayground && line.startsWith('DonatelloAI backend is running')) held = [];
  if (!held) {
    process.stdout.write(`${line}\n`);
    return;
  }
  held.push(line);
  if (STOP_LINE.test(line)) {
    // With PORT=0 the banner is the only place that says which port the backend took.
    const shown = /Health: +http:\/\/localhost:(\d+)\//.exec(held.join('\n'));
    bannerShown(config.http.port || Number(shown?.[1] ?? 0));
  }
});

function release(extra: string[]) {
  const lines = held ?? [];
  held = null;
  const at = lines.findIndex((l) => STOP_LINE.test(l));
  lines.splice(at < 0 ? lines.length : at, 0, ...extra);
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
}

if (withPlayground) {
  const port = await banner;
  const host = ['0.0.0.0', '::'].includes(config.http.host) ? '127.0.0.1' : config.http.host;
  try {
    playground = await startPlayground({
      port: playgroundPort,
      endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}/api/messages`,
      dir: join(resolve(config.dataDir), 'playground'),
      tenantId: config.identity.dev.tenantId,
      ...(env.BOT_ID ? { botId: env.BOT_ID } : {}),
    });
    // Stopped while the Playground was starting: it must not outlive us.
    if (stopping) await playground.stop();
    release([
      `  Teams (Agents Playground): ${playground.url}`,
      '    open it and type: /imagine a koala presenting quarterly results',
    ]);
    playground.child.once('exit', (code) => {
      if (!stopping)
        process.stderr.write(`Agents Playground exited (code ${code}); the backend keeps running\n`);
    });
  } catch (err) {
    // The backend is useful without the Playground: say why and carry on.
    release([]);
    process.stderr.write(
      `Agents Playground not started: ${err instanceof Error ? err.message : String(err)}\n`,
    );
  }
}
