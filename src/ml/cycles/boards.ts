// boards.ts — real Cortex-M boards the inference panel compares against, with their published specifications.
// Sources: each board's vendor page / MCU datasheet (listed in docs/cycle-model.md).

export type Core = 'cortex-m0plus' | 'cortex-m4' | 'cortex-m7';

export interface Board {
  id: string;
  name: string;
  mcu: string;
  core: Core;
  clockHz: number;
  sramBytes: number;
  flashBytes: number;
  /**
   * Extra cycles per byte of weights read from flash, beyond what the core's cycles-per-MAC already include.
   * 0 for on-chip flash behind a prefetch/cache accelerator; > 0 for execute-in-place external flash.
   */
  flashPenaltyCyclesPerByte: number;
  note?: string;
}

const KB = 1024;
const MB = 1024 * KB;

export const BOARDS: readonly Board[] = [
  {
    id: 'disco-f413zh',
    name: 'DISCO-F413ZH',
    mcu: 'STM32F413ZH',
    core: 'cortex-m4',
    clockHz: 100e6,
    sramBytes: 320 * KB,
    flashBytes: 1.5 * MB,
    flashPenaltyCyclesPerByte: 0,
    note: 'the 2018 demo board, 240x240 touch LCD',
  },
  {
    id: 'frdm-k64f',
    name: 'FRDM-K64F',
    mcu: 'NXP MK64FN1M0VLL12',
    core: 'cortex-m4',
    clockHz: 120e6,
    sramBytes: 256 * KB,
    flashBytes: 1 * MB,
    flashPenaltyCyclesPerByte: 0,
  },
  {
    id: 'nucleo-l4r5zi',
    name: 'NUCLEO-L4R5ZI',
    mcu: 'STM32L4R5ZI',
    core: 'cortex-m4',
    clockHz: 120e6,
    sramBytes: 640 * KB,
    flashBytes: 2 * MB,
    flashPenaltyCyclesPerByte: 0,
    note: 'MLPerf Tiny reference board',
  },
  {
    id: 'disco-f746ng',
    name: 'DISCO-F746NG',
    mcu: 'STM32F746NG',
    core: 'cortex-m7',
    clockHz: 216e6,
    sramBytes: 320 * KB,
    flashBytes: 1 * MB,
    flashPenaltyCyclesPerByte: 0,
  },
  {
    id: 'nucleo-f446re',
    name: 'NUCLEO-F446RE',
    mcu: 'STM32F446RE',
    core: 'cortex-m4',
    clockHz: 180e6,
    sramBytes: 128 * KB,
    flashBytes: 512 * KB,
    flashPenaltyCyclesPerByte: 0,
    note: 'MicroNets "small" board',
  },
  {
    id: 'nucleo-f746zg',
    name: 'NUCLEO-F746ZG',
    mcu: 'STM32F746ZG',
    core: 'cortex-m7',
    clockHz: 216e6,
    sramBytes: 320 * KB,
    flashBytes: 1 * MB,
    flashPenaltyCyclesPerByte: 0,
    note: 'MicroNets "medium" board',
  },
  {
    id: 'rpi-pico',
    name: 'Raspberry Pi Pico',
    mcu: 'RP2040',
    core: 'cortex-m0plus',
    clockHz: 133e6,
    sramBytes: 264 * KB,
    flashBytes: 2 * MB,
    flashPenaltyCyclesPerByte: 7,
    note: 'dual M0+ (one core used); code and weights execute in place from external QSPI flash',
  },
  {
    id: 'nucleo-l053r8',
    name: 'NUCLEO-L053R8',
    mcu: 'STM32L053R8',
    core: 'cortex-m0plus',
    clockHz: 32e6,
    sramBytes: 8 * KB,
    flashBytes: 64 * KB,
    flashPenaltyCyclesPerByte: 0,
    note: 'ultra-low-power M0+',
  },
];

export function boardById(id: string): Board {
  const b = BOARDS.find((x) => x.id === id);
  if (!b) throw new Error(`boards: unknown board ${id} (known: ${BOARDS.map((x) => x.id).join(', ')})`);
  return b;
}
