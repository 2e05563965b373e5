// Which real board the panels compare the firmware against, and what the running firmware's code occupies.
import type { StateCreator } from 'zustand';
import type { KernelVariant } from '../ml/cycles/cycleModel';

export interface TargetSlice {
  targetBoardId: string;
  kernel: KernelVariant;
  /** Size of the running firmware's code section (the flash proxy for code). */
  firmwareCodeBytes: number;
  setTargetBoard(id: string): void;
  setKernel(kernel: KernelVariant): void;
  setFirmwareCodeBytes(bytes: number): void;
}

export const createTargetSlice: StateCreator<TargetSlice, [], [], TargetSlice> = (set) => ({
  targetBoardId: 'disco-f413zh',
  kernel: 'reference',
  firmwareCodeBytes: 0,
  setTargetBoard: (targetBoardId) => set({ targetBoardId }),
  setKernel: (kernel) => set({ kernel }),
  setFirmwareCodeBytes: (firmwareCodeBytes) => set({ firmwareCodeBytes }),
});
