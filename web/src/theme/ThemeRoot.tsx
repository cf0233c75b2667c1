// The Fluent theme of a page: the host's when it has one (Teams default/dark/contrast, live), otherwise the
// browser's preference (prefers-color-scheme, forced colours) with a switch the person can override; the choice
// is remembered. Components use design tokens only, so every theme works without per-theme code.
import {
  FluentProvider,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { HostTheme, ThemeName } from '../host/types.ts';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_KEY = 'donatello.theme';

const THEMES: Record<ThemeName, Theme> = {
  light: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

export interface ThemeState {
  theme: ThemeName;
  /** Null when the host decides (no switch is shown). */
  choice: ThemeChoice | null;
  setChoice(choice: ThemeChoice): void;
}

const ThemeContext = createContext<ThemeState>({ theme: 'light', choice: null, setChoice: () => {} });

export function useTheme(): ThemeState {
  return useContext(ThemeContext);
}

function media(query: string): MediaQueryList | null {
  return typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null;
}

function systemTheme(): ThemeName {
  if (media('(forced-colors: active)')?.matches) return 'contrast';
  return media('(prefers-color-scheme: dark)')?.matches ? 'dark' : 'light';
}

function readChoice(storage: Pick<Storage, 'getItem'> | null): ThemeChoice {
  const v = storage?.getItem(THEME_KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function ThemeRoot({
  host,
  storage = typeof localStorage === 'undefined' ? null : localStorage,
  children,
}: {
  host: HostTheme | null;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  children: ReactNode;
}) {
  const [hostTheme, setHostTheme] = useState<ThemeName | null>(() => host?.current() ?? null);
  const [system, setSystem] = useState<ThemeName>(systemTheme);
  const [choice, setChoiceState] = useState<ThemeChoice>(() => readChoice(storage));

  useEffect(() => {
    if (!host) return;
    setHostTheme(host.current());
    return host.subscribe(setHostTheme);
  }, [host]);

  useEffect(() => {
    if (host) return;
    const queries = ['(prefers-color-scheme: dark)', '(forced-colors: active)'].map(media);
    const onChange = () => setSystem(systemTheme());
    for (const q of queries) q?.addEventListener('change', onChange);
    return () => {
      for (const q of queries) q?.removeEventListener('change', onChange);
    };
  }, [host]);

  const state = useMemo<ThemeState>(() => {
    const theme: ThemeName = hostTheme ?? (choice === 'system' ? system : choice);
    return {
      theme,
      choice: host ? null : choice,
      setChoice: (c) => {
        storage?.setItem(THEME_KEY, c);
        setChoiceState(c);
      },
    };
  }, [hostTheme, choice, system, host, storage]);

  return (
    <ThemeContext.Provider value={state}>
      <FluentProvider theme={THEMES[state.theme]} data-theme={state.theme} style={{ minHeight: '100%' }}>
        {children}
      </FluentProvider>
    </ThemeContext.Provider>
  );
}
