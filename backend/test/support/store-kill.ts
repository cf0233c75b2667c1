// Runs support/store-writer.ts as its own process, SIGKILLs it once it has acknowledged `atLeast` writes, and
// returns which writes it acknowledged (only lines it finished printing count).
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { exitOf } from './backend-process.ts';

const WRITER = resolve(import.meta.dirname, 'store-writer.ts');

export async function killWriterAndCheck(
  env: Record<string, string>,
  atLeast: number,
  timeoutMs = 90_000,
): Promise<{ acked: number[]; child: ChildProcess }> {
  const child = spawn(process.execPath, [WRITER], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked: number[] = [];
  let partial = '';
  let errors = '';
  child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  const enough = new Promise<void>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`fewer than ${atLeast} acks in time:\n${errors}`)),
      timeoutMs,
    );
    child.stdout.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^ack (\d+)$/.exec(line);
        if (m) acked.push(Number(m[1]));
      }
      if (acked.length >= atLeast) {
        clearTimeout(timer);
        done();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the writer exited early (${code}):\n${errors}`));
    });
  });
  try {
    await enough;
  } finally {
    // Mid-stream, whatever it is doing: between batches or inside one.
    child.kill('SIGKILL');
    await exitOf(child);
  }
  return { acked, child };
}
