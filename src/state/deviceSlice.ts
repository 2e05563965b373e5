// The board's update agent as the device panel shows it: its last `ota.status` report, the updates it finished
// (newest first), and what the page's update server is doing.
import type { StateCreator } from 'zustand';
import type { OtaStatusReport } from '../shared/telemetry/reports';

export interface UpdateRecord {
  /** Virtual time of the result, µs. */
  atUs: number;
  /** The LwM2M Update Result (Object 5, resource 5). */
  result: number;
  status: string;
  running: string | null;
}

export const MAX_UPDATE_HISTORY = 20;

export interface DeviceSlice {
  ota?: OtaStatusReport;
  updateHistory: UpdateRecord[];
  /** The versions the board ran, in order (the one it runs last). */
  runVersions: string[];
  /** What the page's update server says about the last Deploy (e.g. why it could not sign). */
  deployNote?: string;
  linkConnected: boolean;
  setOtaStatus(status: OtaStatusReport, atUs: number): void;
  setDeployNote(note: string | undefined): void;
  setLinkConnected(connected: boolean): void;
  clearDevice(): void;
}

const finished = (s: OtaStatusReport) => s.state === 0 && s.result !== 0;

export const createDeviceSlice: StateCreator<DeviceSlice, [], [], DeviceSlice> = (set) => ({
  updateHistory: [],
  runVersions: [],
  linkConnected: true,
  setOtaStatus: (status, atUs) =>
    set((s) => {
      const before = s.ota;
      const isNew = finished(status) && (!before || !finished(before) || before.status !== status.status);
      const record = { atUs, result: status.result, status: status.status, running: status.running };
      const ran = status.running && status.running !== s.runVersions.at(-1);
      return {
        ota: status,
        updateHistory: isNew ? [record, ...s.updateHistory].slice(0, MAX_UPDATE_HISTORY) : s.updateHistory,
        runVersions: ran ? [...s.runVersions, status.running!].slice(-MAX_UPDATE_HISTORY) : s.runVersions,
      };
    }),
  setDeployNote: (deployNote) => set({ deployNote }),
  setLinkConnected: (linkConnected) => set({ linkConnected }),
  clearDevice: () =>
    set({ ota: undefined, updateHistory: [], runVersions: [], deployNote: undefined, linkConnected: true }),
});
