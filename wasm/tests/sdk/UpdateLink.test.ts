// UpdateLink on virtual time: a package offered by the host is fetched block by block, each block taking its
// transfer time; the firmware hears offers and withdrawals as interrupts; a lost link and a replaced offer are
// reported as such, and the download resumes where it stopped.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LINK } from '../../../src/runtime/peripherals/SimUpdateLink';
import { bootFirmware, lastReport, type TestBoard } from './sdkFirmware';

const firmware = `
#include "mbed.h"
#include "UpdateLink.h"
UpdateLink link;
EventQueue queue;
uint32_t received = 0, sum = 0;
uint8_t etag = 0;

void download() {
    UpdateLink::Offer offer;
    if (!link.offer(&offer)) return;
    printf("offer %u %u\\n", static_cast<unsigned>(offer.size), offer.etag[0]);
    if (offer.etag[0] != etag) received = sum = 0;  // another package: start over; the same one: resume
    etag = offer.etag[0];
    uint8_t block[SIM_LINK_BLOCK_BYTES];
    while (received < offer.size) {
        uint32_t want = offer.size - received < sizeof block ? offer.size - received : sizeof block;
        int64_t t0 = HighResClock::now().time_since_epoch().count();
        int32_t n = link.fetch(received, block, want);
        int64_t t1 = HighResClock::now().time_since_epoch().count();
        if (n < 0) {
            printf("failed %d %u %lld\\n", static_cast<int>(n), static_cast<unsigned>(received), t1 - t0);
            return;
        }
        for (int32_t i = 0; i < n; ++i) sum += block[i];
        received += static_cast<uint32_t>(n);
        printf("block %d %lld\\n", static_cast<int>(n), t1 - t0);
    }
    printf("done %u %u\\n", static_cast<unsigned>(received), static_cast<unsigned>(sum));
}

void on_link(uint32_t event) {
    if (event == UpdateLink::kOffered) queue.call(download);
    if (event == UpdateLink::kWithdrawn) queue.call([] { printf("withdrawn\\n"); });
}

int main() {
    link.attach(on_link);
    queue.dispatch_forever();
}
`;

const pkg = Uint8Array.from({ length: 2500 }, (_, i) => (i * 31 + 7) & 0xff);
const sum = (b: Uint8Array) => b.reduce((a, x) => a + x, 0);
const etag = (first: number) => Uint8Array.of(first, 0, 0, 0, 0, 0, 0, 0);
const transferUs = (bytes: number) =>
  DEFAULT_LINK.roundTripUs + Math.ceil((bytes * 8 * 1e6) / DEFAULT_LINK.bitsPerSecond);

let board: TestBoard;
beforeAll(async () => {
  board = await bootFirmware(firmware);
  board.sim.runFor(1_000);
});

describe('UpdateLink', () => {
  it('fetches an offered package block by block, each block taking its transfer time', () => {
    const { sim } = board;
    sim.board.updateLink.offerPackage(pkg, etag(42));
    sim.runFor(1_000_000);
    expect(board.serial()).toContain('offer 2500 42');
    const blocks = board
      .serial()
      .split('\n')
      .filter((l) => l.startsWith('block '))
      .map((l) => l.split(' ').map(Number));
    expect(blocks.map((b) => b[1])).toEqual([1024, 1024, 452]);
    // Each fetch blocks for its transfer time (plus the HAL calls around it, a few µs).
    for (const [, n, us] of blocks) {
      expect(us).toBeGreaterThanOrEqual(transferUs(n));
      expect(us).toBeLessThan(transferUs(n) + 10);
    }
    expect(lastReport(board.serial(), 'done')).toEqual([2500, sum(pkg)]);
  });

  it('hears a withdrawal', () => {
    board.sim.board.updateLink.withdraw();
    board.sim.runFor(1_000);
    expect(board.serial()).toContain('withdrawn');
  });

  it('reports a lost link after the exchange times out, and resumes the same package where it stopped', () => {
    const { sim } = board;
    const other = pkg.map((b) => b ^ 0xff);
    sim.board.updateLink.offerPackage(other, etag(7));
    sim.runFor(transferUs(1024) + 1_000); // the first block arrives
    sim.board.updateLink.setConnected(false);
    sim.runFor(5_000_000);
    const [status, at, us] = lastReport(board.serial(), 'failed');
    expect(status).toBe(-4);
    expect(at).toBe(1024);
    expect(us).toBeGreaterThanOrEqual(DEFAULT_LINK.timeoutUs);
    sim.board.updateLink.setConnected(true);
    sim.board.updateLink.offerPackage(other, etag(7));
    sim.runFor(1_000_000);
    expect(lastReport(board.serial(), 'done')).toEqual([2500, sum(other)]);
  });

  it('says the offer changed when the package is replaced during a fetch', () => {
    const { sim } = board;
    sim.board.updateLink.offerPackage(pkg, etag(1));
    sim.runFor(1_000);
    sim.board.updateLink.offerPackage(pkg, etag(2));
    sim.runFor(1_000_000);
    expect(board.serial()).toMatch(/failed -5 0 \d+/);
    expect(lastReport(board.serial(), 'done')).toEqual([2500, sum(pkg)]);
  });
});
