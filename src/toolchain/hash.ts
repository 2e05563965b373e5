// Content hashes key the build cache: same inputs, same firmware, no recompile.

export async function sha256Hex(parts: (string | Uint8Array)[]): Promise<string> {
  const enc = new TextEncoder();
  const chunks = parts.flatMap((p) => {
    const bytes = typeof p === 'string' ? enc.encode(p) : p;
    return [enc.encode(`${bytes.length}:`), bytes];
  });
  const total = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) {
    total.set(c, off);
    off += c.length;
  }
  const digest = await crypto.subtle.digest('SHA-256', total);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Hash of a flat file map, independent of key order. */
export function hashFiles(files: Record<string, string | Uint8Array>, extra: string[] = []): Promise<string> {
  const keys = Object.keys(files).sort();
  return sha256Hex([...extra, ...keys.flatMap((k) => [k, files[k]])]);
}
