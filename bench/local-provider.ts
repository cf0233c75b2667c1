// `npm run bench:local`: images per second of the local provider, against a baseline measured in the same
// run (sharp encoding a plain 1024x1024 PNG: the floor any sharp-drawn picture pays).
import sharp from 'sharp';
import { LocalProvider } from '../backend/src/providers/local/local-provider.ts';
import type { GenerateInput } from '../backend/src/providers/port.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

async function rate(
  label: string,
  fn: () => Promise<unknown>,
): Promise<{ label: string; perSecond: number; msEach: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < SECONDS * 1000) {
    await fn();
    n++;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { label, perSecond: n / elapsed, msEach: (elapsed * 1000) / n };
}

const signal = new AbortController().signal;
const input = (over: Partial<GenerateInput>): GenerateInput => ({
  model: 'local-scene',
  prompt: 'a koala presenting quarterly results',
  size: '1024x1024',
  quality: 'standard',
  n: 1,
  ...over,
});
const drawn = new LocalProvider();
const fast = new LocalProvider({ fast: true });
let seed = 0;

const rows = [
  await rate('baseline: sharp plain 1024x1024 PNG', () =>
    sharp({ create: { width: 1024, height: 1024, channels: 3, background: '#336699' } })
      .png()
      .toBuffer(),
  ),
  await rate('local 1024x1024 standard', () => drawn.generate(input({ seed: seed++ }), signal)),
  await rate('local 1024x1024 hd', () => drawn.generate(input({ quality: 'hd', seed: seed++ }), signal)),
  await rate('local 1792x1024 standard', () =>
    drawn.generate(input({ size: '1792x1024', seed: seed++ }), signal),
  ),
  await rate('local fast mode (cached 64x64)', () => fast.generate(input({}), signal)),
];
const base = rows[0]!.perSecond;
const out = [`Local provider, ${SECONDS} s per row, one at a time (node ${process.version})`, ''];
out.push('| case | images/s | ms each | vs baseline |', '| --- | ---: | ---: | ---: |');
for (const r of rows)
  out.push(
    `| ${r.label} | ${r.perSecond.toFixed(1)} | ${r.msEach.toFixed(1)} | ${(r.perSecond / base).toFixed(2)}x |`,
  );
process.stdout.write(`${out.join('\n')}\n`);
