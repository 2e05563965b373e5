import { describe, expect, it } from 'vitest';
import { NetStatus } from '../abi/abiSpec';
import { SimNetwork } from './SimNetwork';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('SimNetwork', () => {
  it('starts disconnected, with no name', () => {
    const net = new SimNetwork();
    expect(net.status).toBe(NetStatus.DISCONNECTED);
    expect([...net.nameBytes(64)]).toEqual([0]);
  });

  it('raises each change once, and forgets the name when disconnected', () => {
    const net = new SimNetwork();
    const seen: number[] = [];
    net.addListener((s) => seen.push(s));
    net.setStatus(NetStatus.CONNECTING, 'workshop w1, device d-1');
    net.setStatus(NetStatus.CONNECTING);
    net.setStatus(NetStatus.GLOBAL_UP);
    expect(net.name).toBe('workshop w1, device d-1');
    net.setStatus(NetStatus.DISCONNECTED);
    expect(seen).toEqual([NetStatus.CONNECTING, NetStatus.GLOBAL_UP, NetStatus.DISCONNECTED]);
    expect(net.name).toBe('');
  });

  it('writes the name NUL-terminated, cut to the room given on a character boundary', () => {
    const net = new SimNetwork();
    net.setStatus(NetStatus.GLOBAL_UP, 'workshop wé');
    expect(text(net.nameBytes(64))).toBe('workshop wé\0');
    // "wé" is 3 bytes: 11 bytes of room hold "workshop w" and the NUL, not half of the é.
    expect(text(net.nameBytes(11))).toBe('workshop w\0');
    expect(net.nameBytes(1)).toEqual(Uint8Array.of(0));
    expect(net.nameBytes(0)).toHaveLength(0);
    net.setStatus(NetStatus.GLOBAL_UP, 'x'.repeat(500));
    expect(net.nameBytes(1000)).toHaveLength(64);
  });

  it('refuses a status that is not one', () => {
    expect(() => new SimNetwork().setStatus(7 as never)).toThrow(/no status 7/);
  });
});
