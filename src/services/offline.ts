// The offline copy: registers the app's service worker (production builds, the full page) and mirrors what it keeps
// into the store — saving (with progress), ready (every precached file stored), failed, or unavailable and why. A
// newer build's worker waits; the "new version" notice asks it to take over and the page reloads on it.
import {
  isFromServiceWorker,
  SERVICE_WORKER_FILE,
  type FromServiceWorker,
  type ToServiceWorker,
} from '../offline/protocol';
import { useStore } from '../state/store';

let registration: ServiceWorkerRegistration | undefined;
let reloadOnTakeOver = false;

/** The page's service worker container, or why there is none. */
function serviceWorkers(): ServiceWorkerContainer | string {
  try {
    return (
      navigator.serviceWorker ??
      'this browser offers no service worker here (a page over plain http from another host is not a secure context)'
    );
  } catch {
    // A sandboxed iframe without allow-same-origin throws on reading the property.
    return 'a sandboxed frame has no service worker';
  }
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

function ask(worker: ServiceWorker): Promise<FromServiceWorker> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => isFromServiceWorker(e.data) && resolve(e.data);
    worker.postMessage({ type: 'offline-status' } satisfies ToServiceWorker, [channel.port2]);
  });
}

async function reportStatus(worker: ServiceWorker): Promise<void> {
  const status = await ask(worker);
  if (status.type !== 'offline-status') return;
  const missing = status.total - status.stored;
  useStore
    .getState()
    .setOffline(
      missing === 0
        ? { phase: 'ready', version: status.version }
        : { phase: 'failed', reason: `${missing} of ${status.total} files of the offline copy are missing` },
    );
}

function onMessage(message: FromServiceWorker): void {
  const store = useStore.getState();
  // Progress and failures of a newer build installing beside a ready copy do not change what works offline now, and
  // a failed install stays failed (downloads already under way may still report progress).
  if (store.offline.phase === 'ready' || store.offline.phase === 'failed') return;
  if (message.type === 'precache-progress')
    store.setOffline({ phase: 'saving', done: message.done, total: message.total });
  else if (message.type === 'precache-failed') store.setOffline({ phase: 'failed', reason: message.message });
}

function watchUpdates(reg: ServiceWorkerRegistration): void {
  const check = () => reg.waiting && reg.active && useStore.getState().setUpdateReady(true);
  check();
  reg.addEventListener('updatefound', () => {
    const installing = reg.installing;
    installing?.addEventListener('statechange', () => installing.state === 'installed' && check());
  });
  // A tab left open looks for a new build whenever it is shown again.
  document.addEventListener(
    'visibilitychange',
    () => document.visibilityState === 'visible' && void reg.update().catch(() => undefined),
  );
}

/** `register`: this page installs the service worker; otherwise it only reports a copy an earlier page installed. */
export function startOffline({ register }: { register: boolean }): void {
  const store = useStore.getState();
  if (!import.meta.env.PROD) {
    store.setOffline({ phase: 'unavailable', reason: 'the development server keeps no offline copy' });
    return;
  }
  const container = serviceWorkers();
  if (typeof container === 'string') {
    store.setOffline({ phase: 'unavailable', reason: container });
    return;
  }
  container.addEventListener('message', (e) => isFromServiceWorker(e.data) && onMessage(e.data));
  container.addEventListener('controllerchange', () => reloadOnTakeOver && location.reload());
  const scope = import.meta.env.BASE_URL;
  const found = register
    ? container.register(scope + SERVICE_WORKER_FILE, { scope, updateViaCache: 'none' })
    : container.getRegistration(scope);
  void found
    .then(async (reg: ServiceWorkerRegistration | undefined) => {
      if (!reg) {
        store.setOffline({ phase: 'unavailable', reason: 'no service worker is registered for this page' });
        return;
      }
      registration = reg;
      watchUpdates(reg);
      const ready = await container.ready;
      if (ready.active) await reportStatus(ready.active);
    })
    .catch((e: unknown) => store.setOffline({ phase: 'failed', reason: describe(e) }));
}

/** Lets the waiting newer build take over; the page reloads once it has. */
export function applyUpdate(): void {
  const waiting = registration?.waiting;
  if (!waiting) {
    location.reload();
    return;
  }
  reloadOnTakeOver = true;
  waiting.postMessage({ type: 'skip-waiting' } satisfies ToServiceWorker);
}
