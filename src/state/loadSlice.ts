// Opening a demo: why the last attempt failed (shown over the board with Retry).
import type { StateCreator } from 'zustand';

export interface OpenFailure {
  /** The demo that could not be opened; undefined when the demo list itself could not be fetched. */
  demo?: string;
  message: string;
}

export interface LoadSlice {
  openFailure?: OpenFailure;
  setOpenFailure(failure: OpenFailure | undefined): void;
}

export const createLoadSlice: StateCreator<LoadSlice, [], [], LoadSlice> = (set) => ({
  setOpenFailure: (openFailure) => set({ openFailure }),
});
