// What the page (src/services/offline.ts) and the service worker (src/offline/serviceWorker.ts, type-only import,
// so sw.js stays one self-contained script) say to each other.

/** The service worker's file name, at the app's base URL (so its scope is the whole app). */
export const SERVICE_WORKER_FILE = 'sw.js';

/** Messages the page sends the service worker. */
export type ToServiceWorker = { type: 'offline-status' } | { type: 'skip-waiting' };

/** Messages the service worker sends its pages. */
export type FromServiceWorker =
  | { type: 'offline-status'; version: string; stored: number; total: number }
  | { type: 'precache-progress'; version: string; done: number; total: number }
  | { type: 'precache-failed'; version: string; message: string };

/** Narrows what arrives on the page's message channel to what this service worker sends; anything else is ignored. */
export function isFromServiceWorker(data: unknown): data is FromServiceWorker {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  if (typeof m.version !== 'string') return false;
  switch (m.type) {
    case 'offline-status':
      return Number.isInteger(m.stored) && Number.isInteger(m.total);
    case 'precache-progress':
      return Number.isInteger(m.done) && Number.isInteger(m.total);
    case 'precache-failed':
      return typeof m.message === 'string';
    default:
      return false;
  }
}
