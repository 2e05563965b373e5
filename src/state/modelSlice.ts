// The Model tab: the .tflite file the user imported, what its analysis found, and the last import's failure.
import type { StateCreator } from 'zustand';
import type { ModelInspection } from '../ml/inspect/inspect';

/** A model the page read and analysed; the file never leaves the page. */
export interface ImportedModelFile extends ModelInspection {
  fileName: string;
  bytes: Uint8Array;
}

export interface ModelSlice {
  importedModel?: ImportedModelFile;
  /** The file being read and analysed, if one is. */
  modelImporting?: string;
  /** Why the last import failed; the previously imported model stays. */
  modelError?: string;
  startModelImport(fileName: string): void;
  finishModelImport(model: ImportedModelFile): void;
  failModelImport(message: string): void;
}

export const createModelSlice: StateCreator<ModelSlice, [], [], ModelSlice> = (set) => ({
  startModelImport: (modelImporting) => set({ modelImporting }),
  finishModelImport: (importedModel) => set({ importedModel, modelImporting: undefined, modelError: undefined }),
  failModelImport: (modelError) => set({ modelError, modelImporting: undefined }),
});
