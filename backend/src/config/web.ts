// Settings of the web pages the backend serves (the Teams tab, the Office add-in's task pane): where their built
// files are. The pages' sign-in settings are the identity settings (ENTRA_*), served by /api/v1/client-config.
import { resolve } from 'node:path';
import { z } from 'zod';

/** The repository's own build output (`npm run build:tab`), from backend/src/config/. */
export const DEFAULT_TAB_DIR = resolve(import.meta.dirname, '../../../tab/dist');
/** The add-in's (`npm run build:addin`). */
export const DEFAULT_ADDIN_DIR = resolve(import.meta.dirname, '../../../office-addin/dist');

export const WebEnv = z.object({
  /** The built tab (Vite output: index.html and assets/). */
  TAB_DIR: z.string().min(1).optional(),
  /** The built task pane (Vite output: taskpane.html, auth.html and assets/). */
  ADDIN_DIR: z.string().min(1).optional(),
});
export type WebEnv = z.infer<typeof WebEnv>;

export interface WebConfig {
  tabDir: string;
  addinDir: string;
}

export function webConfig(e: WebEnv): WebConfig {
  return {
    tabDir: resolve(e.TAB_DIR ?? DEFAULT_TAB_DIR),
    addinDir: resolve(e.ADDIN_DIR ?? DEFAULT_ADDIN_DIR),
  };
}
