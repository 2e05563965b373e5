import { describe, expect, it } from 'vitest';
import { forgetInstructorToken, storeDevice, storedDevice, takeInstructorToken } from './fleetCredentials';

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const WS = 'ws://10.0.0.5:8080/mqtt';

describe('device credentials', () => {
  it('are kept per workshop, so a reload rejoins as the same device', () => {
    const storage = new MemoryStorage();
    expect(storedDevice(storage, WS)).toBeUndefined();
    storeDevice(storage, WS, { deviceId: 'd-1', token: 't-1' });
    expect(storedDevice(storage, WS)).toEqual({ deviceId: 'd-1', token: 't-1' });
    expect(storedDevice(storage, 'ws://other:8080/mqtt')).toBeUndefined();
    // Joined again with other credentials (the server's data was wiped): the new ones replace them.
    storeDevice(storage, WS, { deviceId: 'd-2', token: 't-2' });
    expect(storedDevice(storage, WS)).toEqual({ deviceId: 'd-2', token: 't-2' });
  });

  it('treat a corrupt or foreign entry as none', () => {
    const storage = new MemoryStorage();
    storage.setItem(`tinyml-sim:fleet-device:${WS}`, '{"deviceId":');
    expect(storedDevice(storage, WS)).toBeUndefined();
    storage.setItem(`tinyml-sim:fleet-device:${WS}`, '{"deviceId":7,"token":"x"}');
    expect(storedDevice(storage, WS)).toBeUndefined();
  });

  it('survive a browser without storage', () => {
    expect(storedDevice(undefined, WS)).toBeUndefined();
    expect(() => storeDevice(undefined, WS, { deviceId: 'd', token: 't' })).not.toThrow();
  });
});

describe('the instructor token', () => {
  it('leaves the address bar and stays for the session', () => {
    const storage = new MemoryStorage();
    const replaced: string[] = [];
    const url = new URL(`http://host:8080/?view=instructor&workshop=${encodeURIComponent(WS)}&token=s3cret`);
    expect(takeInstructorToken(url, storage, (u) => replaced.push(u.href))).toBe('s3cret');
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).not.toContain('s3cret');
    expect(new URL(replaced[0]!).searchParams.get('workshop')).toBe(WS);
    // The reload: no token in the address, the session has it; nothing is rewritten.
    const reload = new URL(replaced[0]!);
    expect(takeInstructorToken(reload, storage, (u) => replaced.push(u.href))).toBe('s3cret');
    expect(replaced).toHaveLength(1);
    // Refused by the server, it is forgotten: the next reload has none.
    forgetInstructorToken(storage, WS);
    expect(takeInstructorToken(reload, storage, () => {})).toBeUndefined();
  });

  it('is missing when neither the address nor the session has one', () => {
    const url = new URL(`http://host:8080/?view=instructor&workshop=${encodeURIComponent(WS)}&token=`);
    const replaced: URL[] = [];
    expect(takeInstructorToken(url, new MemoryStorage(), (u) => replaced.push(u))).toBeUndefined();
    expect(replaced[0]!.searchParams.has('token')).toBe(false);
  });
});
