import { describe, expect, it } from 'vitest';
import { LINK_BLOCK_BYTES, LinkEvent, LinkStatus } from '../abi/abiSpec';
import { DEFAULT_LINK, SimUpdateLink } from './SimUpdateLink';

const pkg = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff);
const etag = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
/** One round trip plus 1,024 bytes at 250 kbit/s. */
const BLOCK_US = 20_000 + Math.ceil((1024 * 8 * 1e6) / 250_000);

function offered() {
  const link = new SimUpdateLink();
  const events: number[] = [];
  link.addListener((e) => events.push(e));
  link.offerPackage(pkg, etag);
  return { link, events };
}

describe('SimUpdateLink', () => {
  it('offers a package with its size and ETag, and says so', () => {
    const { link, events } = offered();
    expect(events).toEqual([LinkEvent.OFFERED]);
    expect(link.offered).toEqual({ size: 3000, etag });
    link.withdraw();
    expect(events).toEqual([LinkEvent.OFFERED, LinkEvent.WITHDRAWN]);
    expect(link.offered).toBeUndefined();
  });

  it('answers a block one round trip plus its bytes at the link rate later', () => {
    const { link } = offered();
    expect(DEFAULT_LINK.bitsPerSecond).toBe(250_000);
    const due = link.request(1024, LINK_BLOCK_BYTES, 5_000);
    expect(due).toBe(5_000 + BLOCK_US);
    expect(link.read(due - 1)).toBe(LinkStatus.NOT_YET);
    expect(link.read(due)).toEqual(pkg.subarray(1024, 2048));
    expect(link.read(due)).toBe(LinkStatus.NO_REQUEST);
    // The last block is short.
    const last = link.request(2048, 952, 0);
    expect(link.read(last)).toEqual(pkg.subarray(2048));
  });

  it('refuses requests outside the package, over a block, or with nothing on offer', () => {
    const { link } = offered();
    expect(link.request(2048, 953, 0)).toBe(LinkStatus.BAD_REQUEST);
    expect(link.request(0, LINK_BLOCK_BYTES + 1, 0)).toBe(LinkStatus.BAD_REQUEST);
    expect(link.request(0, 0, 0)).toBe(LinkStatus.BAD_REQUEST);
    expect(link.request(-1, 10, 0)).toBe(LinkStatus.BAD_REQUEST);
    expect(new SimUpdateLink().request(0, 10, 0)).toBe(LinkStatus.BAD_REQUEST);
  });

  it('loses the answer when the link goes down, after the exchange would have timed out', () => {
    const { link } = offered();
    link.request(0, 100, 0);
    link.setConnected(false);
    expect(link.read(BLOCK_US)).toBe(LinkStatus.NOT_YET);
    expect(link.dueUs).toBe(DEFAULT_LINK.timeoutUs);
    expect(link.read(DEFAULT_LINK.timeoutUs)).toBe(LinkStatus.CONNECTION_LOST);
    // A request while down times out too; back up, the same block comes.
    expect(link.request(0, 100, 3_000_000)).toBe(3_000_000 + DEFAULT_LINK.timeoutUs);
    expect(link.read(5_000_000)).toBe(LinkStatus.CONNECTION_LOST);
    link.setConnected(true);
    expect(link.read(link.request(0, 100, 6_000_000))).toEqual(pkg.subarray(0, 100));
  });

  it('says the offer changed when the package was replaced while a request was out', () => {
    const { link } = offered();
    const due = link.request(0, 100, 0);
    link.offerPackage(
      pkg.map((b) => b ^ 1),
      Uint8Array.of(9, 9, 9, 9, 9, 9, 9, 9),
    );
    expect(link.read(due)).toBe(LinkStatus.OFFER_CHANGED);
  });
});
