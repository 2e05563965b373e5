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

  it('takes writes and erases from the firmware without an interrupt, and announces them to the host', () => {
    const store = new SimBlobStore();
    const replaced: number[] = [];
    const written: { slot: number; data: number[] | undefined }[] = [];
    store.addListener((s) => replaced.push(s));
    store.addWriteListener((w) => written.push({ slot: w.slot, data: w.data && [...w.data] }));
    expect(store.write(2, Uint8Array.of(7, 8))).toBe(true);
    expect([...store.get(2)!]).toEqual([7, 8]);
    expect(store.write(2, undefined)).toBe(true);
    expect(store.get(2)).toBeUndefined();
    expect(store.write(8, Uint8Array.of(1))).toBe(false);
    expect(store.write(0, new Uint8Array(MAX_BLOB_BYTES + 1))).toBe(false);
    expect(replaced).toEqual([]);
    expect(written).toEqual([
      { slot: 2, data: [7, 8] },
      { slot: 2, data: undefined },
    ]);
  });

  it('rejects bad slots and oversized blobs by name', () => {
    const store = new SimBlobStore();
    expect(() => store.put(8, new Uint8Array(1))).toThrow(/SimBlobStore: no slot 8/);
    expect(() => store.put(0, new Uint8Array(MAX_BLOB_BYTES + 1))).toThrow(/exceeds/);
  });
});
