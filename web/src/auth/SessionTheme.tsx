// The theme root for a signed-in-or-not page: the host's theme once a host is connected (Teams, Office), the
// browser's preference and switch otherwise. Sits inside AuthProvider and around SignInGate, so even the sign-in
// screens follow the theme.
import type { ReactNode } from 'react';
import { ThemeRoot } from '../theme/ThemeRoot.tsx';
import { useAuth } from './AuthProvider.tsx';

export function SessionTheme({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const host = state.status === 'connecting' ? null : (state.session?.theme ?? null);
  return <ThemeRoot host={host}>{children}</ThemeRoot>;
}
