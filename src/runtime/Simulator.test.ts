// The runtime against real firmware written straight to the ABI (no Mbed layer): suspension, virtual time,
// interrupts at yield points, faults.
import { describe, expect, it } from 'vitest';
import binaryen from 'binaryen';
import { Pin, SIM_ABI_VERSION } from './abi/abiSpec';
import { BOARD_SRAM_BYTES, FLASH_WINDOW_BYTES, WASM_PAGE_BYTES } from './boardMemory';
import { Simulator } from './Simulator';
import { compileBareFirmware } from '../toolchain/testing/compileForTest';

const prelude = `
#include <stdio.h>
#include <stdlib.h>
#include "sim_abi.h"
static unsigned char suspend_buf[8192] __attribute__((aligned(16)));
SIM_EXPORT(fw_abi_version) uint32_t fw_abi_version(void) { return SIM_ABI_VERSION; }
SIM_EXPORT(fw_suspend_buffer) uint32_t fw_suspend_buffer(void) { return (uint32_t)(uintptr_t)suspend_buf; }
SIM_EXPORT(fw_suspend_buffer_size) uint32_t fw_suspend_buffer_size(void) { return sizeof suspend_buf; }
static volatile int presses, ticks;
SIM_EXPORT(fw_irq) void fw_irq(uint32_t source, uint32_t arg) {
  if (source == SIM_IRQ_GPIO_FALL && arg == SIM_PIN_BUTTON1) presses++;
  if (source == SIM_IRQ_ALARM) { ticks++; sim_alarm_set(arg, sim_time_us() + 1000); }
}
`;

const blink = `${prelude}
SIM_EXPORT(fw_main) int32_t fw_main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int on = 0;
  for (;;) { on = !on; sim_gpio_write(SIM_PIN_LED1, on); printf("t=%lld\\n", (long long)sim_time_us());
             sim_sleep_until_us(sim_time_us() + 500000, 0); }
}`;

const poller = `${prelude}
SIM_EXPORT(fw_main) int32_t fw_main(void) {
  sim_gpio_irq(SIM_PIN_BUTTON1, SIM_EDGE_FALL);
  sim_alarm_set(7, 1000);
  for (;;) { sim_gpio_write(SIM_PIN_LED2, !sim_gpio_read(SIM_PIN_BUTTON1)); sim_gpio_write(SIM_PIN_LED3, presses & 1);
             if (ticks >= 50) sim_gpio_write(SIM_PIN_LED4, 1); }
}`;

const crashes = `${prelude}
static int depth(int n) { volatile char pad[256]; pad[0] = (char)n; return n == 0 ? pad[0] : depth(n - 1) + pad[0]; }
SIM_EXPORT(fw_main) int32_t fw_main(void) {
  sim_sleep_until_us(1000, 0);
  if (sim_gpio_read(SIM_PIN_BUTTON2) == 0) return depth(100000);
  if (sim_gpio_read(SIM_PIN_BUTTON1) == 0) { const char m[] = "boom"; sim_fault(m, 4); }
  abort();
}`;

const serialText = (sim: Simulator) => {
  let out = '';
  sim.board.serial.addOutputListener((b) => (out += new TextDecoder().decode(b)));
  return () => out;
};

describe('Simulator', () => {
  it('sleeps in virtual time: a 500 ms blinker toggles exactly 10 times in 5 s', async () => {
    const sim = await Simulator.load(await compileBareFirmware(blink));
    const out = serialText(sim);
    sim.runFor(5_000_000 - 1);
    expect(sim.board.leds.LED1.toggles).toBe(10);
    // Each yielding HAL call (console output included) costs HAL_CALL_US of virtual time, so the loop's own calls
    // show up as drift.
    expect(out().split('\n').slice(0, 3)).toEqual(['t=2', 't=500006', 't=1000010']);
    expect(sim.runState).toBe('running');
  });

  it('stops at the pacer target and resumes where it left off', async () => {
    const sim = await Simulator.load(await compileBareFirmware(blink));
    sim.runUntil(1_200_000);
    expect(sim.clock.nowUs).toBe(1_200_000);
    expect(sim.board.leds.LED1.toggles).toBe(3);
    sim.runUntil(1_600_000);
    expect(sim.board.leds.LED1.toggles).toBe(4);
  });

  it('delivers button edges and alarms to a firmware that polls without sleeping', async () => {
    const sim = await Simulator.load(await compileBareFirmware(poller));
    sim.runFor(10_000);
    expect(sim.board.leds.LED2.isOn).toBe(false);
    sim.board.buttons.BUTTON1.press();
    sim.runFor(10);
    expect(sim.board.leds.LED2.isOn).toBe(true);
    expect(sim.board.leds.LED3.isOn).toBe(true);
    sim.board.buttons.BUTTON1.release();
    sim.runFor(100_000);
    expect(sim.board.leds.LED2.isOn).toBe(false);
    expect(sim.board.leds.LED4.isOn).toBe(true);
    expect(sim.board.gpioRead(Pin.LED3)).toBe(1);
  });

  it('halts with a named fault on abort, on sim_fault and on stack overflow', async () => {
    const wasm = await compileBareFirmware(crashes);
    const aborting = await Simulator.load(wasm);
    expect(aborting.runFor(2000)).toBe('faulted');
    expect(aborting.fault?.message).toMatch(/unreachable.*abort/);

    const faulting = await Simulator.load(wasm);
    faulting.board.buttons.BUTTON1.press();
    faulting.runFor(2000);
    expect(faulting.fault).toEqual({ kind: 'fault', message: 'boom' });

    const overflowing = await Simulator.load(wasm);
    overflowing.board.buttons.BUTTON2.press();
    overflowing.runFor(2000);
    expect(overflowing.fault?.message).toMatch(/Stack overflow/);
  });

  it('refuses firmware whose memory is not exactly the board SRAM (or SRAM and flash window), unable to grow', async () => {
    const module = (memory: string) =>
      binaryen
        .parseText(
          `(module (memory (export "memory") ${memory})
        (func (export "fw_abi_version") (result i32) (i32.const ${SIM_ABI_VERSION}))
        (func (export "fw_main") (result i32) (i32.const 0))
        (func (export "fw_irq") (param i32 i32))
        (func (export "fw_suspend_buffer") (result i32) (i32.const 16))
        (func (export "fw_suspend_buffer_size") (result i32) (i32.const 1024))
        (func (export "asyncify_start_unwind") (param i32)) (func (export "asyncify_stop_unwind"))
        (func (export "asyncify_start_rewind") (param i32)) (func (export "asyncify_stop_rewind"))
        (func (export "asyncify_get_state") (result i32) (i32.const 0)))`,
        )
        .emitBinary();
    const pages = BOARD_SRAM_BYTES / WASM_PAGE_BYTES;
    await expect(Simulator.load(module(`${pages}`))).rejects.toThrow(/can grow.*exactly 327680 bytes of SRAM/);
    await expect(Simulator.load(module(`${pages * 2} ${pages * 2}`))).rejects.toThrow(/655360 bytes, but the board/);
    const sim = await Simulator.load(module(`${pages} ${pages}`));
    expect(sim.memoryBytes).toBe(BOARD_SRAM_BYTES);
    const windowed = pages + FLASH_WINDOW_BYTES / WASM_PAGE_BYTES;
    expect((await Simulator.load(module(`${windowed} ${windowed}`))).memoryBytes).toBe(
      BOARD_SRAM_BYTES + FLASH_WINDOW_BYTES,
    );
    await expect(Simulator.load(module(`${windowed + 1} ${windowed + 1}`))).rejects.toThrow(/flash window/);
  });

  it('refuses a module that is not tinyml-sim firmware, by name', async () => {
    const notFirmware = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
    await expect(Simulator.load(notFirmware)).rejects.toThrow(/lacks exports/);
  });
});
