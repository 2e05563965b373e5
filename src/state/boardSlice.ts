// What the board shows at low rate: LEDs, run state, virtual time, speed, fault. LCD frames and console bytes
// bypass the store (see services/channels).
import type { StateCreator } from 'zustand';
import type { LedName } from '../runtime/Board';
import type { PaceMode } from '../runtime/clock/Pacer';
import type { Fault } from '../runtime/faults';

export type BoardStatus = 'idle' | 'loading' | 'running' | 'paused' | 'stopped' | 'exited' | 'faulted';

export interface BoardSlice {
  leds: Record<LedName, boolean>;
  status: BoardStatus;
  fault?: Fault;
  loadError?: string;
  simTimeUs: number;
  speedPct: number;
  pace: PaceMode;
  setLeds(leds: Record<LedName, boolean>): void;
  setRunInfo(info: { status: BoardStatus; simTimeUs: number; speedPct: number; fault?: Fault }): void;
  setStatus(status: BoardStatus, loadError?: string): void;
  setPace(pace: PaceMode): void;
}

const ledsOff = { LED1: false, LED2: false, LED3: false, LED4: false };

export const createBoardSlice: StateCreator<BoardSlice, [], [], BoardSlice> = (set) => ({
  leds: ledsOff,
  status: 'idle',
  simTimeUs: 0,
  speedPct: 0,
  pace: { kind: 'realtime', speed: 1 },
  setLeds: (leds) => set({ leds }),
  setRunInfo: ({ status, simTimeUs, speedPct, fault }) => set({ status, simTimeUs, speedPct, fault }),
  setStatus: (status, loadError) =>
    set(status === 'loading' ? { status, loadError, fault: undefined, simTimeUs: 0, speedPct: 0, leds: ledsOff } : { status, loadError }),
  setPace: (pace) => set({ pace }),
});
