// Builds the Teams tab (tab/dist, served by the backend under /tab/) when its inputs changed since the last build
// (scripts/web-build.ts says what counts); npm start and the tab's browser tests call it.
import { ROOT, SURFACES, buildSurface, distOf, isStale } from './web-build.ts';

export { ROOT };
export const TAB_DIST = distOf(SURFACES.tab);

export function tabIsStale(): boolean {
  return isStale(SURFACES.tab, 'index.html');
}

/** Builds the tab if it is stale (or always, with `force`); answers whether it built. */
export function buildTab(opts: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  return buildSurface(SURFACES.tab, 'index.html', opts);
}

if (import.meta.main) {
  const force = process.argv.includes('--force');
  const built = await buildTab({ force });
  if (!built) process.stdout.write('The tab is up to date (tab/dist). Use --force to build it anyway.\n');
}
