// A web surface's bundle as the browser first downloads it (the tab's index.html, the add-in's taskpane.html): the
// entry chunk and every chunk it imports statically (what the page loads before it first shows), gzipped; the
// on-demand chunks apart; and which packages take the most of the initial code. Built in memory with the surface's
// own Vite config.
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { ROOT } from '../scripts/web-build.ts';

export interface BundleReport {
  initialGzipBytes: number;
  initialRawBytes: number;
  initialChunks: { file: string; gzipBytes: number }[];
  lazyChunks: { file: string; gzipBytes: number }[];
  /** Share of the initial chunks' code by package, before minification (Rolldown's rendered length). */
  largest: { name: string; renderedBytes: number; share: number }[];
}

interface Chunk {
  type: 'chunk';
  fileName: string;
  code: string;
  isEntry: boolean;
  name: string;
  imports: string[];
  modules: Record<string, { renderedLength: number }>;
}

function packageOf(id: string): string {
  const nm = id.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = id.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const rel = id.replace(`${ROOT}/`, '').split('/');
  return `${rel[0]}/ (this repository)`;
}

/** `dir`: the surface's folder (its vite.config.ts); `entry`: the page's entry chunk name (its HTML file's name). */
export async function bundleReport(
  surface: { dir: string; entry: string } = { dir: 'tab', entry: 'index' },
): Promise<BundleReport> {
  const { build } = await import('vite');
  const result = await build({
    configFile: join(ROOT, surface.dir, 'vite.config.ts'),
    logLevel: 'silent',
    build: { write: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as { output: (Chunk | { type: 'asset' })[] }[];
  const chunks = outputs.flatMap((o) => o.output.filter((c): c is Chunk => c.type === 'chunk'));
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = chunks.find((c) => c.isEntry && c.name === surface.entry);
  if (!entry) throw new Error(`no ${surface.entry} entry chunk in the build`);
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const dep of byFile.get(file)?.imports ?? []) visit(dep);
  };
  visit(entry.fileName);
  const gz = (c: Chunk) => gzipSync(c.code, { level: 9 }).length;
  const initialChunks = [...initial].map((f) => ({ file: f, gzipBytes: gz(byFile.get(f)!) }));
  const lazyChunks = chunks
    .filter((c) => !initial.has(c.fileName) && !(c.isEntry && c.name === 'auth'))
    .map((c) => ({ file: c.fileName, gzipBytes: gz(c) }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const packages = new Map<string, number>();
  for (const f of initial)
    for (const [id, m] of Object.entries(byFile.get(f)!.modules))
      packages.set(packageOf(id), (packages.get(packageOf(id)) ?? 0) + m.renderedLength);
  const total = [...packages.values()].reduce((a, b) => a + b, 0);
  return {
    initialGzipBytes: initialChunks.reduce((a, c) => a + c.gzipBytes, 0),
    initialRawBytes: [...initial].reduce((a, f) => a + Buffer.byteLength(byFile.get(f)!.code), 0),
    initialChunks,
    lazyChunks,
    largest: [...packages]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([name, renderedBytes]) => ({ name, renderedBytes, share: renderedBytes / total })),
  };
}

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

/** The report's Markdown lines: initial chunks against the issue's target, lazy chunks, the largest packages. */
export function bundleTable(bundle: BundleReport, targetKb: number): string[] {
  return [
    '| chunk | gzipped |\n| --- | ---: |',
    ...bundle.initialChunks.map((c) => `| ${c.file} | ${kb(c.gzipBytes)} |`),
    `| **total initial (target ≤ ${targetKb} KB)** | **${kb(bundle.initialGzipBytes)}** (${kb(bundle.initialRawBytes)} minified) |`,
    '',
    `Loaded on demand: ${bundle.lazyChunks.map((c) => `${c.file} ${kb(c.gzipBytes)}`).join(', ')}`,
    '',
    'Largest packages in the initial chunks (share of code before minification):',
    '| package | share |\n| --- | ---: |',
    ...bundle.largest.map((l) => `| ${l.name} | ${(l.share * 100).toFixed(1)}% |`),
  ];
}
