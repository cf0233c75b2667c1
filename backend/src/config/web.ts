// Settings of the web pages the backend serves (the Teams tab; the Office add-in joins them): where their
// built files are. The pages' sign-in settings are the identity settings (ENTRA_*), served by /api/v1/client-config.
import { resolve } from 'node:path';
import { z } from 'zod';

/** The repository's own build output (`npm run build:tab`), from backend/src/config/. */
export const DEFAULT_TAB_DIR = resolve(import.meta.dirname, '../../../tab/dist');

export const WebEnv = z.object({
  /** The built tab (Vite output: index.html and assets/). */
  TAB_DIR: z.string().min(1).optional(),
});
export type WebEnv = z.infer<typeof WebEnv>;

export interface WebConfig {
  tabDir: string;
}

export function webConfig(e: WebEnv): WebConfig {
  return { tabDir: resolve(e.TAB_DIR ?? DEFAULT_TAB_DIR) };
}
