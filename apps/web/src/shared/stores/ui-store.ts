/**
 * The dashboard's UI state, and only that: theme, sidebar width and the last channel query
 * (so the Channels link returns to the view the operator left). Server data never lives here.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type Theme = 'light' | 'dark';

interface UiState {
  /** Unset until the operator chooses; the OS preference applies meanwhile. */
  theme: Theme | undefined;
  sidebarCollapsed: boolean;
  /** Search string (`?…`) of the channels page the operator last looked at. */
  lastChannelSearch: string;
  setTheme(theme: Theme): void;
  toggleSidebar(): void;
  rememberChannelSearch(search: string): void;
}

/** The key index.html reads before the first paint to apply the theme. */
export const UI_STORE_KEY = 'recflow.ui';

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      theme: undefined,
      sidebarCollapsed: false,
      lastChannelSearch: '',
      setTheme: (theme) => set({ theme }),
      toggleSidebar: () => set((s) => ({ sidebarCollapsed: !s.sidebarCollapsed })),
      rememberChannelSearch: (lastChannelSearch) => set({ lastChannelSearch }),
    }),
    { name: UI_STORE_KEY },
  ),
);
