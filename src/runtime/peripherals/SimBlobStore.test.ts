import { describe, expect, it } from 'vitest';
import { MAX_BLOB_BYTES, SimBlobStore } from './SimBlobStore';

describe('SimBlobStore', () => {
  it('keeps a copy per slot and announces replacements', () => {
    const store = new SimBlobStore();
    const seen: number[] = [];
    store.addListener((s) => seen.push(s));
    const data = Uint8Array.of(1, 2, 3);
    store.put(2, data);
    data[0] = 9;
    expect([...store.get(2)!]).toEqual([1, 2, 3]);
    expect(store.get(0)).toBeUndefined();
    expect(seen).toEqual([2]);
  });

  it('rejects bad slots and oversized blobs by name', () => {
    const store = new SimBlobStore();
    expect(() => store.put(8, new Uint8Array(1))).toThrow(/SimBlobStore: no slot 8/);
    expect(() => store.put(0, new Uint8Array(MAX_BLOB_BYTES + 1))).toThrow(/exceeds/);
  });
});
