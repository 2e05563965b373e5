// A host page on another origin for the embed specs: a tiny HTTP server on another port of 127.0.0.1 (another
// origin than the board's, but the same site, so the board's storage is its own first-party storage and the specs
// can check that nothing was written there), with pages that speak the raw protocol or use the SDK.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from '@playwright/test';

export const BOARD_ORIGIN = `http://127.0.0.1:${Number(process.env.E2E_PORT) || 4173}`;

export interface HostPageOptions {
  demo: string;
  /** The `?origin=` the board is given (the host's own origin unless set). */
  origin?: string;
  /** The iframe's sandbox attribute, when it has one. */
  sandbox?: string;
}

const frameTag = (hostOrigin: string, o: HostPageOptions) => {
  const src = `${BOARD_ORIGIN}/?view=board&demo=${o.demo}&origin=${encodeURIComponent(o.origin ?? hostOrigin)}`;
  return `<iframe id="board" src="${src}" style="width:900px;height:700px"${o.sandbox === undefined ? '' : ` sandbox="${o.sandbox}"`}></iframe>`;
};

// The raw protocol in a few lines, as docs/embed.md shows it: hello on ready, then everything over the port.
const rawScript = `
  const BOARD = ${JSON.stringify(BOARD_ORIGIN)};
  const iframe = document.getElementById('board');
  window.events = [];
  window.waiters = new Map();
  window.responses = [];
  addEventListener('message', (e) => {
    if (e.source !== iframe.contentWindow || e.origin !== BOARD) return;
    if (e.data?.type === 'ready' && !('payload' in e.data))
      iframe.contentWindow.postMessage({ protocol: 'tinyml-sim', v: 1, type: 'hello', id: 'h1', payload: {} }, BOARD);
    if (e.data?.type === 'response' && e.data.id === 'h1' && e.ports[0]) {
      window.hello = e.data;
      window.port = e.ports[0];
      window.port.onmessage = (m) => {
        if (m.data.type !== 'response') return window.events.push(m.data);
        window.responses.push(m.data);
        window.waiters.get(m.data.id)?.(m.data);
      };
    }
  });
  window.request = (msg) => new Promise((resolve) => {
    window.waiters.set(msg.id, resolve);
    window.port.postMessage({ protocol: 'tinyml-sim', v: 1, ...msg });
  });
`;

const sdkScript = `
  import * as TinymlSim from ${JSON.stringify(`${BOARD_ORIGIN}/embed/v1/host.js`)};
  window.sdkEvents = [];
  window.board = await TinymlSim.embed(document.getElementById('board'), { origin: ${JSON.stringify(BOARD_ORIGIN)} });
`;

export class EmbedHost {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
    private readonly pages: Map<string, HostPageOptions & { kind: 'raw' | 'sdk' }>,
  ) {}

  static async start(): Promise<EmbedHost> {
    const pages = new Map<string, HostPageOptions & { kind: 'raw' | 'sdk' }>();
    const server = createServer((req, res) => {
      const page = pages.get(req.url ?? '');
      if (!page) return void res.writeHead(404).end();
      const script =
        page.kind === 'raw' ? `<script>${rawScript}</script>` : `<script type="module">${sdkScript}</script>`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html><body><h1>Host page</h1>${frameTag(`http://${req.headers.host}`, page)}${script}</body></html>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new EmbedHost(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pages);
  }

  /** Opens a host page that embeds `options.demo` and drives it through the raw protocol or the SDK. */
  async open(page: Page, kind: 'raw' | 'sdk', options: HostPageOptions): Promise<Frame> {
    const path = `/${kind}-${this.pages.size}.html`;
    this.pages.set(path, { kind, ...options });
    await page.goto(`${this.origin}${path}`);
    const frame = await (await page.locator('#board').elementHandle())!.contentFrame();
    return frame!;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
