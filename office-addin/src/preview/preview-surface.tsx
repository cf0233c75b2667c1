// Which simulated surface the offline preview shows (a slide or a page), for sentences such as "Insert into the
// preview page". Undefined inside Office, where the document says what it is.
import { createContext, useContext } from 'react';

export type PreviewSurface = 'slide' | 'page';

export const PreviewSurfaceContext = createContext<PreviewSurface | undefined>(undefined);

export function usePreviewSurface(): PreviewSurface | undefined {
  return useContext(PreviewSurfaceContext);
}
