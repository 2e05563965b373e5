// What the offline indicator says where there can be no service worker, and how the worker's messages move it.
// Node has no service workers: the container is an EventTarget that delivers the messages a real one would.
import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the service (it keeps one registration per page) started with `serviceWorker` as the browser's. */
async function start(serviceWorker: () => unknown, prod = true) {
  vi.resetModules();
  vi.stubEnv('PROD', prod);
  vi.stubGlobal('navigator', {
    get serviceWorker() {
      return serviceWorker();
    },
  });
  const { startOffline } = await import('./offline');
  const { useStore } = await import('../state/store');
  startOffline({ register: true });
  return () => useStore.getState().offline;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('startOffline', () => {
  it('says a sandboxed frame has no service worker instead of failing', async () => {
    const offline = await start(() => {
      throw new DOMException('Service worker is disabled because the context is sandboxed', 'SecurityError');
    });
    expect(offline()).toEqual({ phase: 'unavailable', reason: 'a sandboxed frame has no service worker' });
  });

  it('names the missing secure context where the browser offers none', async () => {
    const offline = await start(() => undefined);
    expect(offline()).toMatchObject({ phase: 'unavailable', reason: expect.stringMatching(/secure context/) });
  });

  it('registers nothing on the development server', async () => {
    const register = vi.fn();
    const offline = await start(() => ({ register }), false);
    expect(offline()).toMatchObject({ phase: 'unavailable', reason: expect.stringMatching(/development server/) });
    expect(register).not.toHaveBeenCalled();
  });

  it('shows install progress, and a failed install stays failed while downloads under way still report', async () => {
    const container = Object.assign(new EventTarget(), {
      register: vi.fn(() => new Promise(() => undefined)),
      ready: new Promise(() => undefined),
    });
    const offline = await start(() => container);
    expect(container.register).toHaveBeenCalledWith('/sw.js', { scope: '/', updateViaCache: 'none' });
    const say = (data: unknown) => container.dispatchEvent(new MessageEvent('message', { data }));
    say({ type: 'precache-progress', version: 'v1', done: 1, total: 4 });
    expect(offline()).toEqual({ phase: 'saving', done: 1, total: 4 });
    say({ type: 'someone-else', version: 'v1', done: 9 });
    expect(offline()).toEqual({ phase: 'saving', done: 1, total: 4 });
    say({ type: 'precache-failed', version: 'v1', message: 'assets/x.js: HTTP 404' });
    say({ type: 'precache-progress', version: 'v1', done: 2, total: 4 });
    expect(offline()).toEqual({ phase: 'failed', reason: 'assets/x.js: HTTP 404' });
  });
});
