import { useEffect } from 'react';
import { type Theme, useUiStore } from '@/shared/stores/ui-store';

function systemTheme(): Theme {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The theme in effect: the operator's choice, else the OS preference. */
export function useTheme(): Theme {
  return useUiStore((s) => s.theme) ?? systemTheme();
}

/** Keeps the `dark` class on <html> in step with the store (index.html sets it before first paint). */
export function useApplyTheme(): void {
  const theme = useTheme();
  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
  }, [theme]);
}
