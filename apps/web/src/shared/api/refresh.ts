/**
 * How often the pages operators watch (lives, nodes) ask the server again. TanStack Query stops
 * interval refetches while the tab is hidden and refetches on focus, so a forgotten tab costs nothing.
 */
export const WATCH_REFRESH_MS = 5_000;
