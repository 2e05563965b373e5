// Which tabs of this origin are open: each tab holds a Web Lock named after its id for as long as it lives (the
// browser releases it when the tab closes or crashes), and tells the others about its saves on a BroadcastChannel.
import type { SavedMessage } from './projectSaver';

const LOCK_PREFIX = 'tinyml-sim:tab:';
const TAB_KEY = 'tinyml-sim:tab';

const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** This tab's id: kept across reloads of the tab (sessionStorage), so its own journal is found again. */
export function tabId(): string {
  try {
    const id = sessionStorage.getItem(TAB_KEY) ?? newId();
    sessionStorage.setItem(TAB_KEY, id);
    return id;
  } catch {
    return newId();
  }
}

/** Holds this tab's lock; resolves with the id in use (a fresh one when a duplicated tab already holds `id`). */
export async function holdTabLock(id: string): Promise<string> {
  if (!navigator.locks) return id;
  const held = await new Promise<boolean>((resolve) => {
    void navigator.locks.request(`${LOCK_PREFIX}${id}`, { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      return lock ? new Promise<void>(() => {}) : undefined;
    });
  });
  if (held) return id;
  const fresh = newId();
  try {
    sessionStorage.setItem(TAB_KEY, fresh);
  } catch {
    // Without sessionStorage a reload gets a new id; its journal is then taken over as a closed tab's.
  }
  return holdTabLock(fresh);
}

export async function liveTabs(): Promise<Set<string> | undefined> {
  if (!navigator.locks) return undefined;
  const { held = [] } = await navigator.locks.query();
  return new Set(
    held
      .map((l) => l.name ?? '')
      .filter((n) => n.startsWith(LOCK_PREFIX))
      .map((n) => n.slice(LOCK_PREFIX.length)),
  );
}

/** The channel on which tabs announce their saves (undefined where BroadcastChannel is missing). */
export function savesChannel(onMessage: (m: SavedMessage) => void): ((m: SavedMessage) => void) | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel('tinyml-sim:saves');
  channel.onmessage = (e: MessageEvent<SavedMessage>) => onMessage(e.data);
  return (m) => channel.postMessage(m);
}
