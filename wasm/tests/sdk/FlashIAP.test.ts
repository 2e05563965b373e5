// FlashIAP on the board's internal flash: Mbed OS's API and return conventions, the STM32F413's sector map, word
// programming only over erased flash, and the datasheet's erase and program times in virtual time (the call
// returns when the controller is done; interrupts that fall due meanwhile run after it). The contents survive a
// Reset: the page replays the worker's flash writes on its copy and hands it to the next worker.
import { beforeAll, describe, expect, it } from 'vitest';
import { Board } from '../../../src/runtime/Board';
import { SimFlash } from '../../../src/runtime/peripherals/SimFlash';
import { FLASH_REGIONS, regionAddress } from '../../../src/runtime/peripherals/flashMap';
import { HAL_CALL_US } from '../../../src/runtime/Simulator';
import { BoardWorker } from '../../../src/runtime/worker/BoardWorker';
import type { FromFirmwareWorker } from '../../../src/runtime/worker/protocol';
import { compileSdkFirmware } from '../../../src/toolchain/testing/compileForTest';
import { bootFirmware, lastReport } from './sdkFirmware';

const firmware = `
#include "mbed.h"
#include "flash_map.h"
using namespace flash_map;
Ticker ticker;
volatile long long first_tick = -1;
void on_tick() { if (first_tick < 0) first_tick = HighResClock::now().time_since_epoch().count(); }
Timeout timeout;
volatile long long in_handler = -1;
void program_in_handler() {
    FlashIAP flash;
    const uint32_t word = 0x12345678;
    long long start = HighResClock::now().time_since_epoch().count();
    int rc = flash.program(&word, kScratchAddress, 4);
    in_handler = rc == 0 ? HighResClock::now().time_since_epoch().count() - start : -2;
}
int main() {
    FlashIAP flash;
    printf("init %d\\n", flash.init());
    printf("geometry %u %u %u %u\\n", (unsigned)flash.get_flash_start(), (unsigned)flash.get_flash_size(),
           (unsigned)flash.get_page_size(), (unsigned)flash.get_erase_value());
    printf("sectors %u %u %u %u\\n", (unsigned)flash.get_sector_size(0x08000000), (unsigned)flash.get_sector_size(0x0801FFFF),
           (unsigned)flash.get_sector_size(0x08170000), (unsigned)flash.get_sector_size(0x08180000));
    Timer t;
    t.start();
    int rc = flash.erase(kSecondaryAddress, flash.get_sector_size(kSecondaryAddress));
    printf("erase %d %lld\\n", rc, (long long)t.elapsed_time().count());
    static uint8_t block[256];
    for (int i = 0; i < 256; ++i) block[i] = (uint8_t)(i * 7 + 1);
    t.reset();
    rc = flash.program(block, kSecondaryAddress, sizeof block);
    printf("program %d %lld\\n", rc, (long long)t.elapsed_time().count());
    static uint8_t back[256];
    rc = flash.read(back, kSecondaryAddress, sizeof back);
    printf("readback %d %d\\n", rc, memcmp(back, block, sizeof back) == 0);
    printf("not-erased %d\\n", flash.program(block, kSecondaryAddress + 252, 4));
    printf("unaligned %d\\n", flash.program(block, kSecondaryAddress + 258, 4));
    printf("erase-bad %d %d\\n", flash.erase(kSecondaryAddress + 4, 128 * 1024), flash.erase(kSecondaryAddress, 64 * 1024));
    printf("range %d %d\\n", flash.read(back, 0x08180000 - 2, 4), flash.program(block, 0x07FFFFFC, 4));
    rc = flash.program("abcdef", kSecondaryAddress + 256, 6);
    uint8_t tail[8];
    flash.read(tail, kSecondaryAddress + 256, 8);
    printf("tail %d %u %u %u\\n", rc, tail[5], tail[6], tail[7]);
    ticker.attach(&on_tick, 100ms);
    t.reset();
    long long start = HighResClock::now().time_since_epoch().count();
    rc = flash.erase(0x08004000, 2 * 16 * 1024);
    long long done = HighResClock::now().time_since_epoch().count();
    ticker.detach();
    printf("stall %d %lld %lld\\n", rc, done - start, first_tick - start);
    printf("deinit %d\\n", flash.deinit());
    timeout.attach(&program_in_handler, 1ms);
    ThisThread::sleep_for(5ms);
    printf("handler %lld\\n", in_handler);
    while (true) ThisThread::sleep_for(1s);
}
`;

const readBack = `
#include "mbed.h"
#include "flash_map.h"
int main() {
    FlashIAP flash;
    flash.init();
    uint8_t b[4];
    flash.read(b, flash_map::kSecondaryAddress, 4);
    printf("kept %u %u %u %u\\n", b[0], b[1], b[2], b[3]);
    while (true) ThisThread::sleep_for(1s);
}
`;

const eraseInSlices = `
#include "mbed.h"
#include "flash_map.h"
int main() {
    FlashIAP flash;
    Timer t;
    t.start();
    int rc = flash.erase(flash_map::kPrimaryAddress, 2 * 128 * 1024);
    printf("sliced %d %lld\\n", rc, (long long)t.elapsed_time().count());
    while (true) ThisThread::sleep_for(1s);
}
`;

let serial: string;
let board: Board;
beforeAll(async () => {
  const run = await bootFirmware(firmware);
  run.sim.runFor(10_000_000);
  serial = run.serial();
  board = run.sim.board;
});

const secondary = regionAddress(FLASH_REGIONS[2]);

describe('FlashIAP', () => {
  it('reports the STM32F413ZH geometry: 1.5 MB at 0x08000000, word pages, erase value 0xFF', () => {
    expect(lastReport(serial, 'init')).toEqual([0]);
    expect(lastReport(serial, 'geometry')).toEqual([0x0800_0000, 1536 * 1024, 4, 0xff]);
    expect(lastReport(serial, 'sectors')).toEqual([16384, 65536, 131072, 0xffffffff]);
  });

  it('erases a 128 KB sector in 1 s of virtual time', () => {
    expect(lastReport(serial, 'erase')).toEqual([0, 1_000_000 + HAL_CALL_US]);
  });

  it('programs 256 bytes in 64 words × 16 µs and reads them back', () => {
    expect(lastReport(serial, 'program')).toEqual([0, 64 * 16 + HAL_CALL_US]);
    expect(lastReport(serial, 'readback')).toEqual([0, 1]);
    const block = Uint8Array.from({ length: 256 }, (_, i) => (i * 7 + 1) & 0xff);
    expect(board.flash.read(secondary, 256)).toEqual(block);
  });

  it('returns -1 for a word that is not erased, an unaligned address, a range outside the flash', () => {
    expect(lastReport(serial, 'not-erased')).toEqual([-1]);
    expect(lastReport(serial, 'unaligned')).toEqual([-1]);
    expect(lastReport(serial, 'erase-bad')).toEqual([-1, -1]);
    expect(lastReport(serial, 'range')).toEqual([-1, -1]);
  });

  it('pads a tail that is not a whole word with 0xFF, as Mbed OS does', () => {
    expect(lastReport(serial, 'tail')).toEqual([0, 0x66, 0xff, 0xff]);
  });

  it('erasing stalls the CPU: a 100 ms Ticker due during a 250 ms sector erase runs when that erase is done', () => {
    const [rc, tookUs, firstTickUs] = lastReport(serial, 'stall'); // two 16 KB sectors, one after the other
    expect(rc).toBe(0);
    expect(tookUs).toBeGreaterThanOrEqual(500_000);
    expect(tookUs).toBeLessThan(500_000 + 10);
    expect(firstTickUs).toBeGreaterThanOrEqual(250_000);
    expect(firstTickUs).toBeLessThan(250_000 + 10);
    expect(lastReport(serial, 'deinit')).toEqual([0]);
  });

  it('programs from an interrupt handler too, burning the 16 µs of the word there', () => {
    expect(lastReport(serial, 'handler')).toEqual([16 + HAL_CALL_US]);
  });

  it('paced in 10 ms slices, the firmware suspends inside an erase and resumes waiting: each sector is erased once', async () => {
    const run = await bootFirmware(eraseInSlices);
    const erases: number[] = [];
    run.sim.board.flash.addWriteListener((op) => erases.push(op.address));
    let slices = 0;
    while (!run.serial().includes('sliced') && slices < 1000) {
      run.sim.runUntil(run.sim.clock.nowUs + 10_000);
      slices++;
    }
    expect(lastReport(run.serial(), 'sliced')).toEqual([0, 2_000_000 + HAL_CALL_US]);
    expect(slices).toBeGreaterThanOrEqual(200);
    expect(erases).toEqual([0x0806_0000, 0x0808_0000]);
  });

  it('keeps its contents for the next firmware on the same board', async () => {
    const next = await bootFirmware(readBack, { board: new Board({ flash: board.flash.snapshot() }) });
    next.sim.runFor(1000);
    expect(lastReport(next.serial(), 'kept')).toEqual([1, 8, 15, 22]);
  });

  it('survives Reset through the worker protocol: the page replays the flash writes on its copy', async () => {
    const wasm = await compileSdkFirmware(firmware);
    const posted: FromFirmwareWorker[] = [];
    const worker = new BoardWorker((m) => posted.push(m), { wallNowMs: () => performance.now(), schedule: () => {} });
    await worker.receive({ type: 'load', wasm: wasm.slice().buffer });
    worker.simulator!.runFor(10_000_000);
    const pageCopy = new SimFlash();
    for (const m of posted) if (m.type === 'internalFlash') pageCopy.apply(m.op);
    expect(Buffer.from(pageCopy.snapshot()).equals(worker.simulator!.board.flash.snapshot())).toBe(true);
    const rebooted = new BoardWorker(() => {}, { wallNowMs: () => performance.now(), schedule: () => {} });
    await rebooted.receive({ type: 'load', wasm: wasm.slice().buffer, board: { flash: pageCopy.snapshot() } });
    expect(rebooted.simulator!.board.flash.read(secondary, 4)).toEqual(new Uint8Array([1, 8, 15, 22]));
  });
});
