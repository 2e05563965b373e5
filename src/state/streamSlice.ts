// The temperature sensor's source, as the anomaly demo's controls show it.
import type { StateCreator } from 'zustand';

export type StreamKind = 'manual' | 'synthetic' | 'csv';

export interface StreamSlice {
  streamKind: StreamKind;
  sliderC: number;
  /** The loaded CSV file, if any. */
  csvName?: string;
  csvRows?: number;
  /** Parser messages for the last file the user picked (errors reject the file; warnings do not). */
  csvMessages: string[];
  csvRejected: boolean;
  /** A file being read: its name and the fraction read so far. */
  csvLoading?: { name: string; fraction: number };
  setStreamKind(kind: StreamKind): void;
  setSliderC(c: number): void;
  setCsv(name: string, rows: number, warnings: string[]): void;
  rejectCsv(messages: string[]): void;
  setCsvLoading(loading: { name: string; fraction: number } | undefined): void;
}

export const createStreamSlice: StateCreator<StreamSlice, [], [], StreamSlice> = (set) => ({
  streamKind: 'synthetic',
  sliderC: 22,
  csvMessages: [],
  csvRejected: false,
  setStreamKind: (streamKind) => set({ streamKind }),
  setSliderC: (sliderC) => set({ sliderC }),
  setCsv: (csvName, csvRows, warnings) =>
    set({ csvName, csvRows, csvMessages: warnings, csvRejected: false, csvLoading: undefined }),
  // The previous trace stays loaded: nothing of a bad file is applied.
  rejectCsv: (csvMessages) => set({ csvMessages, csvRejected: true, csvLoading: undefined }),
  setCsvLoading: (csvLoading) => set({ csvLoading }),
});
