// The page's offline copy (kept by the service worker, src/services/offline.ts) and whether a newer build waits.
import type { StateCreator } from 'zustand';

export type OfflineCopy =
  /** No service worker here: the development server, a sandboxed iframe, plain http from another host, a board view. */
  | { phase: 'unavailable'; reason: string }
  | { phase: 'saving'; done: number; total: number }
  | { phase: 'ready'; version: string }
  | { phase: 'failed'; reason: string };

export interface OfflineSlice {
  offline: OfflineCopy;
  /** A newer build's service worker is installed and waits for Reload. */
  updateReady: boolean;
  setOffline(copy: OfflineCopy): void;
  setUpdateReady(ready: boolean): void;
}

export const createOfflineSlice: StateCreator<OfflineSlice, [], [], OfflineSlice> = (set) => ({
  offline: { phase: 'unavailable', reason: 'not started' },
  updateReady: false,
  setOffline: (offline) => set({ offline }),
  setUpdateReady: (updateReady) => set({ updateReady }),
});
