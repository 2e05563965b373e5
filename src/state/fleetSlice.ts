// The workshop fleet, from the two pages that take part: a board page's membership (which workshop, its device id,
// whether its MQTT session is up), and the instructor page's view of the fleet (devices, images, campaigns, one
// telemetry figure), kept up to date from the broker's messages.
import type { StateCreator } from 'zustand';
import type {
  CampaignSummary,
  DeviceRow,
  DeviceStatus,
  ImageRow,
  OtaStatus,
  Telemetry,
  TelemetryPoint,
} from '../fleet/protocol';
import { emptyRow, figurePoints, withOtaStatus, withStatus, withTelemetry } from './fleetRows';

/** A board page in a workshop: joining (POST /api/join), its MQTT session up or down, or refused. */
export type FleetLink = 'joining' | 'connecting' | 'online' | 'offline' | 'refused';

export interface BoardFleet {
  /** The workshop's address as the join link gave it. */
  workshop: string;
  deviceId?: string;
  link: FleetLink;
  /** Why joining or connecting failed. */
  problem?: string;
}

/** Whether the server accepts the instructor's token: not asked yet, yes, no, no token at all, no answer. */
export type InstructorAccess = 'checking' | 'granted' | 'refused' | 'missing' | 'unreachable';

/** Points of the plotted figure kept, oldest dropped first. */
export const MAX_PLOT_POINTS = 5_000;

export interface FleetSlice {
  boardFleet?: BoardFleet;
  instructorAccess: InstructorAccess;
  instructorProblem?: string;
  /** The instructor's live MQTT subscription is up. */
  fleetLive: boolean;
  fleetDevices: Record<string, DeviceRow>;
  fleetImages: ImageRow[];
  campaigns: CampaignSummary[];
  /** What the server said about the last command (a refused campaign, an upload's verdict). */
  fleetNote?: { ok: boolean; text: string };
  /** Whether boards that join trust this browser profile's key, so images saved here deploy. */
  instructorKeyNote?: { trusted: boolean; text: string };
  plotFigure: string;
  plotPoints: TelemetryPoint[];
  setBoardFleet(fleet: BoardFleet | undefined): void;
  setBoardLink(link: FleetLink, problem?: string): void;
  setInstructorAccess(access: InstructorAccess, problem?: string): void;
  setFleetLive(live: boolean): void;
  setFleetDevices(rows: DeviceRow[]): void;
  deviceStatus(id: string, status: DeviceStatus): void;
  deviceOtaStatus(id: string, ota: OtaStatus, now: number): void;
  deviceTelemetry(id: string, telemetry: Telemetry): void;
  setFleetImages(images: ImageRow[]): void;
  setCampaigns(campaigns: CampaignSummary[]): void;
  setFleetNote(note: { ok: boolean; text: string } | undefined): void;
  setInstructorKeyNote(note: { trusted: boolean; text: string }): void;
  setPlot(figure: string, points: TelemetryPoint[]): void;
}

export const createFleetSlice: StateCreator<FleetSlice, [], [], FleetSlice> = (set) => {
  const update = (id: string, change: (row: DeviceRow) => DeviceRow) =>
    set((s) => ({ fleetDevices: { ...s.fleetDevices, [id]: change(s.fleetDevices[id] ?? emptyRow(id)) } }));
  return {
    instructorAccess: 'checking',
    fleetLive: false,
    fleetDevices: {},
    fleetImages: [],
    campaigns: [],
    plotFigure: 'mnist.inference.prediction',
    plotPoints: [],
    setBoardFleet: (boardFleet) => set({ boardFleet }),
    setBoardLink: (link, problem) =>
      set((s) => (s.boardFleet ? { boardFleet: { ...s.boardFleet, link, problem } } : {})),
    setInstructorAccess: (instructorAccess, instructorProblem) => set({ instructorAccess, instructorProblem }),
    setFleetLive: (fleetLive) => set({ fleetLive }),
    setInstructorKeyNote: (instructorKeyNote) => set({ instructorKeyNote }),
    setFleetDevices: (rows) => set({ fleetDevices: Object.fromEntries(rows.map((r) => [r.id, r])) }),
    deviceStatus: (id, status) => update(id, (row) => withStatus(row, status)),
    deviceOtaStatus: (id, ota, now) => update(id, (row) => withOtaStatus(row, ota, now)),
    deviceTelemetry: (id, telemetry) =>
      set((s) => {
        const added = figurePoints(id, telemetry, s.plotFigure);
        return {
          fleetDevices: { ...s.fleetDevices, [id]: withTelemetry(s.fleetDevices[id] ?? emptyRow(id), telemetry) },
          plotPoints: added.length ? [...s.plotPoints, ...added].slice(-MAX_PLOT_POINTS) : s.plotPoints,
        };
      }),
    setFleetImages: (fleetImages) => set({ fleetImages }),
    setCampaigns: (campaigns) => set({ campaigns }),
    setFleetNote: (fleetNote) => set({ fleetNote }),
    setPlot: (plotFigure, points) => set({ plotFigure, plotPoints: points.slice(-MAX_PLOT_POINTS) }),
  };
};
