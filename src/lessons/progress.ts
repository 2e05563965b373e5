// Which steps of which lessons the learner has done, kept in this browser (localStorage "tinyml-sim:lessons"). A
// done step stays done; progress is kept by lesson and step id, so a teacher's edit to a lesson keeps the rest.
export const PROGRESS_KEY = 'tinyml-sim:lessons';
const VERSION = 1;

/** The part of the Storage interface progress needs (localStorage in the page). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type Progress = Record<string, string[]>;

/** The stored progress; anything unreadable (another format, corrupt JSON, refused storage) reads as none. */
export function loadProgress(store: KeyValueStore): Progress {
  let raw: string | null;
  try {
    raw = store.getItem(PROGRESS_KEY);
  } catch {
    return {};
  }
  if (raw === null) return {};
  try {
    const data: unknown = JSON.parse(raw);
    if (typeof data !== 'object' || data === null || (data as { v?: unknown }).v !== VERSION) return {};
    const done = (data as { done?: unknown }).done;
    if (typeof done !== 'object' || done === null) return {};
    const progress: Progress = {};
    for (const [lesson, steps] of Object.entries(done)) {
      if (Array.isArray(steps)) progress[lesson] = steps.filter((s): s is string => typeof s === 'string');
    }
    return progress;
  } catch {
    return {};
  }
}

/** Stores `progress`; false when the storage refused it (the page then keeps it for this visit only). */
export function saveProgress(store: KeyValueStore, progress: Progress): boolean {
  try {
    store.setItem(PROGRESS_KEY, JSON.stringify({ v: VERSION, done: progress }));
    return true;
  } catch {
    return false;
  }
}

export function withStepDone(progress: Progress, lesson: string, step: string): Progress {
  const done = progress[lesson] ?? [];
  return done.includes(step) ? progress : { ...progress, [lesson]: [...done, step] };
}

/** Clears one lesson's progress, or every lesson's. */
export function withoutProgress(progress: Progress, lesson?: string): Progress {
  if (lesson === undefined) return {};
  const rest = { ...progress };
  delete rest[lesson];
  return rest;
}
