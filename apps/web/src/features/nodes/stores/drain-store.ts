/**
 * Which drain each node group is following, by group id: UI state only (the progress itself is
 * server data, fetched by id). Kept in session storage so the progress is still there after the
 * operator leaves the Nodes page and comes back, but not in another tab or session.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

interface DrainState {
  drainIds: Record<string, string>;
  follow(groupId: string, drainId: string): void;
  forget(groupId: string): void;
}

export const useDrainStore = create<DrainState>()(
  persist(
    (set) => ({
      drainIds: {},
      follow: (groupId, drainId) => set((s) => ({ drainIds: { ...s.drainIds, [groupId]: drainId } })),
      forget: (groupId) =>
        set((s) => {
          const { [groupId]: _, ...rest } = s.drainIds;
          return { drainIds: rest };
        }),
    }),
    { name: 'recflow.drains', storage: createJSONStorage(() => sessionStorage) },
  ),
);
