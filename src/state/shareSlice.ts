// Sharing a project: what this page shows of a shared link, the link the Share button made, and what an import or
// export of a .zip did.
import type { StateCreator } from 'zustand';

export type ShareVisit =
  /** The page shows the project a link carried; nothing of it is saved. */
  | { kind: 'shared'; demo: string }
  /** The visitor kept the shared project: it is now their saved version of the demo. */
  | { kind: 'kept'; demo: string }
  /** The link could not be opened; the visitor's own project opened instead. */
  | { kind: 'failed'; message: string };

/** Keeping the shared project would replace these saved edits of the demo: the visitor is asked first. */
export interface KeepQuestion {
  demo: string;
  saved: Record<string, string>;
}

export type ShareLink = { url: string } | { error: string };

export interface ProjectNotice {
  ok: boolean;
  message: string;
}

export interface ShareSlice {
  shareVisit?: ShareVisit;
  keepQuestion?: KeepQuestion;
  shareLink?: ShareLink;
  projectNotice?: ProjectNotice;
  setShareVisit(visit: ShareVisit | undefined): void;
  setKeepQuestion(question: KeepQuestion | undefined): void;
  setShareLink(link: ShareLink | undefined): void;
  setProjectNotice(notice: ProjectNotice | undefined): void;
}

export const createShareSlice: StateCreator<ShareSlice, [], [], ShareSlice> = (set) => ({
  setShareVisit: (shareVisit) => set({ shareVisit }),
  setKeepQuestion: (keepQuestion) => set({ keepQuestion }),
  setShareLink: (shareLink) => set({ shareLink }),
  setProjectNotice: (projectNotice) => set({ projectNotice }),
});
