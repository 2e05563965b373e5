// What the board shows at low rate: LEDs, run state, virtual time, speed, fault. LCD frames and console bytes
// bypass the store (see services/channels).
import type { StateCreator } from 'zustand';
import type { Fault, LedName, PaceMode, RunState } from '../runtime';

export interface BoardSlice {
  leds: Record<LedName, boolean>;
  status: RunState;
  fault?: Fault;
  loadError?: string;
  simTimeUs: number;
  /** Virtual time per wall time over the last second (1 = real time). */
  speed: number;
  pace: PaceMode;
  setLeds(leds: Record<LedName, boolean>): void;
  setRunInfo(info: { status: RunState; simTimeUs: number; speed: number; fault?: Fault }): void;
  setStatus(status: RunState, loadError?: string): void;
  setPace(pace: PaceMode): void;
}

const ledsOff = { LED1: false, LED2: false, LED3: false, LED4: false };

export const createBoardSlice: StateCreator<BoardSlice, [], [], BoardSlice> = (set) => ({
  leds: ledsOff,
  status: 'idle',
  simTimeUs: 0,
  speed: 0,
  pace: { kind: 'realtime', speed: 1 },
  setLeds: (leds) => set({ leds }),
  setRunInfo: ({ status, simTimeUs, speed, fault }) => set({ status, simTimeUs, speed, fault }),
  setStatus: (status, loadError) =>
    set(
      status === 'loading'
        ? { status, loadError, fault: undefined, simTimeUs: 0, speed: 0, leds: ledsOff }
        : { status, loadError },
    ),
  setPace: (pace) => set({ pace }),
});
