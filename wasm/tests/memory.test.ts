// The board's SRAM bounds the firmware: the heap is what the stack and static data leave of it, malloc returns NULL
// when it is exhausted, `new` halts the board with an out-of-memory fault, and a null pointer access is a fault.
import { beforeAll, describe, expect, it } from 'vitest';
import { boardById } from '../../src/ml/cycles/boards';
import { BOARD_SRAM_BYTES, FLASH_WINDOW_BYTES } from '../../src/runtime/boardMemory';
import { Simulator } from '../../src/runtime/Simulator';
import { commands } from '@yowasp/clang';
import type { ClangCommands } from '../../src/toolchain/clangCommands';
import { buildFirmware } from '../../src/toolchain/firmwareBuilder';
import { compileSdkFirmware, sdkForTest } from '../../src/toolchain/testing/compileForTest';

// A0 selects the case (A0 = case / 10), so one firmware covers them all.
const firmware = `
#include "mbed.h"
extern "C" char __heap_base; unsigned window_address();

struct Node { int value; Node* next; };

static void print_stats(const char* when) {
    mbed_stats_heap_t s;
    mbed_stats_heap_get(&s);
    printf("%s current=%u max=%u reserved=%u count=%u failed=%u\\n", when, (unsigned)s.current_size,
           (unsigned)s.max_size, (unsigned)s.reserved_size, (unsigned)s.alloc_cnt, (unsigned)s.alloc_fail_cnt);
}

__attribute__((noinline)) static void store(int* p) { *p = 42; }
__attribute__((noinline)) static int member(Node* n) { return n->next != nullptr; }
__attribute__((noinline)) static void write_at(char* p, int i) { p[i] = 1; }

int main() {
    int which = (int)(AnalogIn(A0).read() * 10 + 0.5f);
    printf("heap_base=%u window=%u\\n", (unsigned)(uintptr_t)&__heap_base, window_address());
    if (which == 0) {
        unsigned blocks = 0;
        void* last = nullptr;
        while (void* p = malloc(1000)) { last = p; ++blocks; }
        printf("blocks=%u last=%u\\n", blocks, (unsigned)(uintptr_t)last);
        print_stats("full");
        free(last);
        print_stats("freed");
    } else if (which == 1) {
        static char* volatile kept;
        for (;;) kept = new char[4096];
    } else if (which == 2) {
        store(nullptr);
    } else if (which == 3) {
        printf("%d\\n", member(nullptr));
    } else if (which == 4) {
        write_at(nullptr, 100);
    }
    printf("survived\\n");
    while (true) ThisThread::sleep_for(1s);
}
unsigned window_address() { return 0; }
`;

// The same firmware with a flash window (FlashWindow.h) that it uses.
const windowed = firmware.replace(
  'unsigned window_address() { return 0; }',
  '#include "FlashWindow.h"\nMBED_FLASH_WINDOW(g_window);\nunsigned window_address() { return (unsigned)(uintptr_t)g_window; }',
);

let wasm: Uint8Array;
let windowedWasm: Uint8Array;
beforeAll(async () => {
  wasm = await compileSdkFirmware(firmware);
  windowedWasm = await compileSdkFirmware(windowed);
});

async function run(which: number, firmwareWasm = wasm): Promise<{ sim: Simulator; out: string; heapBase: number }> {
  const sim = await Simulator.load(firmwareWasm);
  let out = '';
  sim.board.serial.addOutputListener((b) => (out += new TextDecoder().decode(b)));
  sim.board.analog.A0.set(which / 10);
  sim.runFor(10_000);
  return { sim, out, heapBase: Number(/heap_base=(\d+)/.exec(out)?.[1]) };
}

const field = (out: string, line: string, name: string) =>
  Number(new RegExp(`${line} .*${name}=(\\d+)`).exec(out)?.[1]);

describe('the board SRAM', () => {
  it('is the DISCO-F413ZH profile SRAM', () => {
    expect(BOARD_SRAM_BYTES).toBe(boardById('disco-f413zh').sramBytes);
  });

  it('bounds the heap: malloc returns NULL when it is full and the wasm memory stays at the SRAM size', async () => {
    const { sim, out, heapBase } = await run(0);
    expect(sim.runState).toBe('running');
    expect(out).toContain('survived');
    const reserved = BOARD_SRAM_BYTES - heapBase;
    expect(field(out, 'full', 'reserved')).toBe(reserved);
    // Every 1000-byte block came from the heap: all but the allocator's bookkeeping of it was handed out.
    const blocks = Number(/blocks=(\d+)/.exec(out)?.[1]);
    expect(blocks * 1000).toBeLessThanOrEqual(reserved);
    expect(blocks * 1000).toBeGreaterThan(reserved * 0.97);
    expect(field(out, 'full', 'current')).toBeGreaterThanOrEqual(blocks * 1000);
    expect(field(out, 'full', 'count')).toBe(blocks);
    expect(field(out, 'full', 'failed')).toBe(1);
    expect(field(out, 'freed', 'count')).toBe(blocks - 1);
    expect(field(out, 'freed', 'max')).toBe(field(out, 'full', 'current'));
    expect(sim.memoryBytes).toBe(BOARD_SRAM_BYTES);
  });

  it('gives a firmware with a flash window the SRAM plus the window, and the same heap as without it', async () => {
    const plain = await run(0);
    const { sim, out, heapBase } = await run(0, windowedWasm);
    expect(sim.memoryBytes).toBe(BOARD_SRAM_BYTES + FLASH_WINDOW_BYTES);
    const window = Number(/window=(\d+)/.exec(out)?.[1]);
    expect(window).toBeGreaterThan(0);
    expect(window + FLASH_WINDOW_BYTES).toBeLessThanOrEqual(heapBase);
    // Stack, the other static data and the heap share exactly the SRAM: the heap is as large as without a window,
    // but for the padding that aligns the window to 16 bytes.
    const lost = BOARD_SRAM_BYTES - plain.heapBase - (sim.memoryBytes - heapBase);
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(lost).toBeLessThanOrEqual(16);
    expect(field(out, 'full', 'reserved')).toBe(field(plain.out, 'full', 'reserved') - lost);
  });

  it('halts with an out-of-memory HardFault when new cannot allocate', async () => {
    const { sim, heapBase } = await run(1);
    expect(sim.runState).toBe('faulted');
    const m = /^out of memory \(heap (\d+) of (\d+) bytes\): new of 4096 bytes failed$/.exec(sim.fault?.message ?? '');
    expect(m, sim.fault?.message).not.toBeNull();
    const [used, reserved] = [Number(m?.[1]), Number(m?.[2])];
    expect(reserved).toBe(BOARD_SRAM_BYTES - heapBase);
    expect(used).toBeGreaterThan(reserved - 2 * 4096);
    expect(used).toBeLessThanOrEqual(reserved);
    expect(sim.memoryBytes).toBe(BOARD_SRAM_BYTES);
  });

  it('refuses to link a firmware whose stack and static data exceed it, saying so', async () => {
    const source = '#include "mbed.h"\nchar big[300000];\nint main() { return big[(int)AnalogIn(A0).read()]; }\n';
    const r = await buildFirmware(commands as unknown as ClangCommands, sdkForTest(), { 'main.cpp': source });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.message)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^the firmware does not fit the board's SRAM: its stack and static data need 3\\d{5} bytes, the board has ${BOARD_SRAM_BYTES}$`,
        ),
      ),
    );
  });
});

describe('a null pointer', () => {
  it('faults on a store, naming the access and the line', async () => {
    const { sim, out } = await run(2);
    expect(sim.runState).toBe('faulted');
    expect(sim.fault?.message).toMatch(/^null pointer: store to address 0 at main\.cpp:14:\d+$/);
    expect(out).not.toContain('survived');
  });

  it('faults on a member access', async () => {
    const { sim } = await run(3);
    expect(sim.fault?.message).toMatch(
      /^null pointer: (load from|member access within) address 0 at main\.cpp:15:\d+$/,
    );
  });

  it('faults on indexing off a null pointer', async () => {
    const { sim } = await run(4);
    expect(sim.fault?.message).toMatch(/^null pointer: offset 0x64 applied to a null pointer at main\.cpp:16:\d+$/);
  });
});
