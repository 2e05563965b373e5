// A board in an iframe sandboxed without allow-same-origin runs in an opaque origin ("null"). Its scripts and files
// load over CORS (the app's files carry Access-Control-Allow-Origin: *), but `new Worker(url)` is refused for the
// app's URLs there, and Chromium fails blob: workers too. A data: URL worker starts (in an opaque origin of its
// own) and imports the real script over CORS: so the page's Worker is replaced by one that starts each script that
// way. Only ever in an opaque origin; the scripts themselves do not change.
export function allowWorkersInOpaqueOrigin(): void {
  if (self.origin !== 'null') return;
  const NativeWorker = Worker;
  globalThis.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      const href = JSON.stringify(new URL(url, location.href).href);
      const source = options?.type === 'module' ? `import ${href};` : `importScripts(${href});`;
      super(`data:text/javascript,${encodeURIComponent(source)}`, options);
    }
  };
}
