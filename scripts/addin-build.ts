// Builds the Office add-in's task pane (office-addin/dist, served by the backend under /addin/) when its inputs
// changed since the last build (scripts/web-build.ts says what counts); npm start, the add-in's browser tests and
// `npm run bench:addin` call it.
import { SURFACES, buildSurface, distOf, isStale } from './web-build.ts';

export const ADDIN_DIST = distOf(SURFACES.addin);
export const ADDIN_ENTRY = 'taskpane.html';

export function addinIsStale(): boolean {
  return isStale(SURFACES.addin, ADDIN_ENTRY);
}

/** Builds the task pane if it is stale (or always, with `force`); answers whether it built. */
export function buildAddin(opts: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  return buildSurface(SURFACES.addin, ADDIN_ENTRY, opts);
}

if (import.meta.main) {
  const force = process.argv.includes('--force');
  const built = await buildAddin({ force });
  if (!built)
    process.stdout.write('The add-in is up to date (office-addin/dist). Use --force to build it anyway.\n');
}
