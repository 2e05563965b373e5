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
  /** Running, but the worker has not answered for a while: the firmware computes without calling the HAL. */
  busy: boolean;
  /** Pause was asked for and the board has not paused yet. */
  pausePending: boolean;
  setLeds(leds: Record<LedName, boolean>): void;
  setRunInfo(info: { status: RunState; simTimeUs: number; speed: number; fault?: Fault }): void;
  setStatus(status: RunState, loadError?: string): void;
  setPace(pace: PaceMode): void;
  setBusy(busy: boolean): void;
  setPausePending(pending: boolean): void;
}

const ledsOff = { LED1: false, LED2: false, LED3: false, LED4: false };

export const createBoardSlice: StateCreator<BoardSlice, [], [], BoardSlice> = (set) => ({
  leds: ledsOff,
  status: 'idle',
  simTimeUs: 0,
  speed: 0,
  pace: { kind: 'realtime', speed: 1 },
  busy: false,
  pausePending: false,
  setLeds: (leds) => set({ leds }),
  // An update means the worker answered; a pause is no longer pending once the board stopped running.
  setRunInfo: ({ status, simTimeUs, speed, fault }) =>
    set((s) => ({
      status,
      simTimeUs,
      speed,
      fault,
      busy: false,
      pausePending: s.pausePending && status === 'running',
    })),
  setStatus: (status, loadError) =>
    set(
      status === 'loading'
        ? {
            status,
            loadError,
            fault: undefined,
            simTimeUs: 0,
            speed: 0,
            leds: ledsOff,
            busy: false,
            pausePending: false,
          }
        : { status, loadError, busy: false, pausePending: false },
    ),
  setPace: (pace) => set({ pace }),
  setBusy: (busy) => set({ busy }),
  setPausePending: (pausePending) => set({ pausePending }),
});
