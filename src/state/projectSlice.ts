// The demo catalogue and the files the user is editing.
import type { StateCreator } from 'zustand';
import type { AppSummary } from '../shared/manifests';

export interface ProjectSlice {
  apps: AppSummary[];
  appName?: string;
  files: Record<string, string>;
  activeFile?: string;
  /** True when the files differ from the demo as shipped. */
  edited: boolean;
  setApps(apps: AppSummary[]): void;
  openProject(appName: string, files: Record<string, string>, edited: boolean): void;
  editFile(path: string, text: string): void;
  setActiveFile(path: string): void;
}

export const createProjectSlice: StateCreator<ProjectSlice, [], [], ProjectSlice> = (set) => ({
  apps: [],
  files: {},
  edited: false,
  setApps: (apps) => set({ apps }),
  openProject: (appName, files, edited) => {
    const paths = Object.keys(files).sort();
    set({ appName, files, edited, activeFile: paths.find((p) => /main\.c(pp)?$/.test(p)) ?? paths[0] });
  },
  editFile: (path, text) => set((s) => ({ files: { ...s.files, [path]: text }, edited: true })),
  setActiveFile: (activeFile) => set({ activeFile }),
});
