// Fetches the demo list, an app's manifest and its prebuilt firmware from public/firmware.
import type { AppManifest, AppSummary } from '../shared/manifests';

export const assetBase = (): string => new URL(import.meta.env.BASE_URL, location.href).href.replace(/\/$/, '');

async function get(path: string): Promise<Response> {
  const res = await fetch(`${assetBase()}/${path}`).catch((e: unknown) => {
    throw new Error(`${path}: network error (${e instanceof Error ? e.message : String(e)})`);
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} (did the firmware build run? npm run build:firmware)`);
  return res;
}

export const catalog = {
  list: async (): Promise<AppSummary[]> => (await get('firmware/index.json')).json() as Promise<AppSummary[]>,
  manifest: async (name: string): Promise<AppManifest> =>
    (await get(`firmware/${encodeURIComponent(name)}.json`)).json() as Promise<AppManifest>,
  wasm: async (name: string): Promise<ArrayBuffer> =>
    (await get(`firmware/${encodeURIComponent(name)}.wasm`)).arrayBuffer(),
  /** A file the firmware build wrote beside the demos (e.g. an app's factory image). */
  bytes: async (file: string): Promise<Uint8Array> =>
    new Uint8Array(await (await get(`firmware/${encodeURIComponent(file)}`)).arrayBuffer()),
  sdkUrl: (): string => `${assetBase()}/sdk`,
};
