// The page's React tree: sign-in (one AuthProvider for Office and the browser), the theme (Office's, or the
// browser's with a switch), the in-memory router, and then either the pane alone (inside PowerPoint or Word: the
// document host is handed in) or the preview (a plain browser: the pane beside a simulated slide or page).
import { StrictMode } from 'react';
import {
  AuthProvider,
  RouterProvider,
  SessionTheme,
  type AppHistory,
  type Connection,
  type ApiClient,
} from '@donatello/web';
import type { OfficeHost } from '../host/index.ts';
import { PreviewLayout } from '../preview/PreviewLayout.tsx';
import { PaneShell } from './PaneShell.tsx';

export interface TaskPaneAppProps {
  connect: (api: ApiClient) => Promise<Connection>;
  history: AppHistory;
  /** PowerPoint or Word; null for the browser preview. */
  documentHost: OfficeHost | null;
}

export function TaskPaneApp({ connect, history, documentHost }: TaskPaneAppProps) {
  return (
    <StrictMode>
      <AuthProvider connect={connect}>
        <SessionTheme>
          <RouterProvider history={history}>
            {documentHost ? <PaneShell host={documentHost} /> : <PreviewLayout />}
          </RouterProvider>
        </SessionTheme>
      </AuthProvider>
    </StrictMode>
  );
}
