// The demo catalogue, the files the user is editing, and whether those edits are safely stored.
import type { StateCreator } from 'zustand';
import type { AppSummary } from '../shared/manifests';

/** Two versions of the open project: this tab's and the one another tab saved meanwhile. */
export interface SaveConflict {
  theirs: Record<string, string>;
  theirsSavedAt: number;
}

export interface ProjectSlice {
  apps: AppSummary[];
  appName?: string;
  files: Record<string, string>;
  /** The demo's sources as shipped. */
  shipped: Record<string, string>;
  activeFile?: string;
  /** True when the files differ from the demo as shipped. */
  edited: boolean;
  conflict?: SaveConflict;
  /** Why edits cannot be stored durably, when they cannot. */
  saveProblem?: string;
  /** 'none' in an embed or a shared link's page: edits live in this page only and saved projects are left alone. */
  storage: 'saved' | 'none';
  setApps(apps: AppSummary[]): void;
  openProject(appName: string, files: Record<string, string>, shipped: Record<string, string>): void;
  /** Returns false when `text` is what the file already holds (models being swapped are not edits). */
  editFile(path: string, text: string): boolean;
  setActiveFile(path: string): void;
  setConflict(conflict: SaveConflict | undefined): void;
  setSaveProblem(problem: string | undefined): void;
  setStorage(storage: 'saved' | 'none'): void;
}

export const sameFiles = (a: Record<string, string>, b: Record<string, string>): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

export const createProjectSlice: StateCreator<ProjectSlice, [], [], ProjectSlice> = (set, get) => ({
  apps: [],
  files: {},
  shipped: {},
  edited: false,
  storage: 'saved',
  setApps: (apps) => set({ apps }),
  openProject: (appName, files, shipped) => {
    const paths = Object.keys(files).sort();
    // Reopening the same project (another tab's version adopted) keeps the file on screen.
    const kept = get().appName === appName ? get().activeFile : undefined;
    const activeFile =
      kept !== undefined && kept in files ? kept : (paths.find((p) => /main\.c(pp)?$/.test(p)) ?? paths[0]);
    set({ appName, files, shipped, edited: !sameFiles(files, shipped), conflict: undefined, activeFile });
  },
  editFile: (path, text) => {
    const s = get();
    if (s.files[path] === text) return false;
    const files = { ...s.files, [path]: text };
    set({ files, edited: !sameFiles(files, s.shipped) });
    return true;
  },
  setActiveFile: (activeFile) => set({ activeFile }),
  setConflict: (conflict) => set({ conflict }),
  setSaveProblem: (saveProblem) => set({ saveProblem }),
  setStorage: (storage) => set({ storage }),
});
