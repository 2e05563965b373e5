// Compiler and linker flags shared by the Node build and the in-browser compiler, so both produce the same firmware.

export const TARGET_FLAGS = ['--target=wasm32-wasip1'];

export const COMPILE_FLAGS = [
  ...TARGET_FLAGS,
  '-O2',
  '-fno-exceptions', // the runtime has no unwinder: without this the link fails on __cxa_throw
  '-fno-rtti',
  '-msimd128',
  '-std=c++17',
  '-Wall',
  '-Wextra',
  '-fdiagnostics-absolute-paths',
  '-fno-color-diagnostics',
  // In the browser clang's stack is the engine's fixed native stack: a simple recursive template exhausts it between
  // 220 and 250 levels, before clang's default limit (1024). Below that, clang reports the instantiation with its
  // location instead of dying with "Maximum call stack size exceeded".
  '-ftemplate-depth=200',
];

/** Include directories of the SDK, relative to the virtual file system root. */
export const SDK_INCLUDE_DIRS = ['sdk/include', 'sdk/mbed/include', 'sdk/nn/include'];

export const STACK_BYTES = 64 * 1024;

export const LINK_FLAGS = [
  ...TARGET_FLAGS,
  // Reactor: no _start; the runtime calls _initialize, then fw_main.
  '-mexec-model=reactor',
  // Stack first: an overflow runs below address 0 and traps instead of silently corrupting static data.
  `-Wl,-z,stack-size=${STACK_BYTES}`,
  '-Wl,--stack-first',
  '-Wl,--export=__stack_pointer',
  '-Wl,--export=__heap_base',
  '-Wl,--export=__data_end',
];
