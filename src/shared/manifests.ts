// Shapes of the files the firmware build writes to public/ and the app reads.

export interface AppSummary {
  name: string;
  title: string;
  description: string;
}

export interface AppManifest extends AppSummary {
  /** The app's files, path → text, as the editor shows them. */
  sources: Record<string, string>;
  wasmBytes: number;
  abiVersion: number;
  /** Content hash of the sources, SDK and flags the wasm was built from. */
  hash: string;
  compiler: string;
  /** The signed model image a new board of this app has in its primary model slot (a file beside the wasm). */
  factoryImage?: string;
}

export interface SdkManifest {
  abiVersion: number;
  hash: string;
  compiler: string;
  /** Header path inside the compiler's sdk/ folder → text. */
  headers: Record<string, string>;
  /** Archive file names beside sdk.json. */
  libraries: string[];
}
