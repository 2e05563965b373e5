// deflate-raw (RFC 1951) through the platform's CompressionStream / DecompressionStream (Chromium, Node 18+), with
// the decompressed size bounded: a few KB of hostile input can inflate to gigabytes, so reading stops at the limit.

async function collect(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const through = (bytes: Uint8Array, transform: CompressionStream | DecompressionStream) =>
  new Blob([bytes as BlobPart]).stream().pipeThrough(transform);

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return (await collect(through(bytes, new CompressionStream('deflate-raw')), Infinity))!;
}

export type InflateResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'corrupt' | 'too-large' };

/** Inflates `bytes`; corrupt or truncated data and output beyond `maxBytes` are results, never exceptions. */
export async function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<InflateResult> {
  try {
    const out = await collect(through(bytes, new DecompressionStream('deflate-raw')), maxBytes);
    return out ? { ok: true, bytes: out } : { ok: false, reason: 'too-large' };
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
}
