// The instructor's device list as the broker tells it: each message on a device's topics updates that device's
// row (a device the list has not seen yet gets one). Pure functions, so the slice and its tests share them.
import type { DeviceRow, DeviceStatus, OtaStatus, Report, Telemetry, TelemetryPoint } from '../fleet/protocol';

export const emptyRow = (id: string): DeviceRow => ({
  id,
  online: false,
  lastSeen: null,
  app: null,
  version: null,
  slots: [],
  state: null,
  result: null,
  status: null,
  telemetry: {},
});

export function withStatus(row: DeviceRow, status: DeviceStatus): DeviceRow {
  if (!status.online) return { ...row, online: false };
  const { app, version, slots, state, result, ts } = status;
  return { ...row, online: true, app, version, slots, state, result, lastSeen: Math.max(row.lastSeen ?? 0, ts) };
}

export function withOtaStatus(row: DeviceRow, ota: OtaStatus, now: number): DeviceRow {
  return {
    ...row,
    online: true,
    version: ota.running,
    slots: ota.slots.map(({ version, confirmed }) => ({ version, confirmed })),
    state: ota.state,
    result: ota.result,
    status: ota.status,
    lastSeen: now,
  };
}

export function withTelemetry(row: DeviceRow, telemetry: Telemetry): DeviceRow {
  const last: Record<string, Report> = { ...row.telemetry };
  for (const report of telemetry.reports) last[report.type] = report;
  return { ...row, online: true, telemetry: last, lastSeen: Math.max(row.lastSeen ?? 0, telemetry.ts) };
}

/** A figure is "<report type>.<numeric field>", e.g. "mnist.inference.time_us" (as GET /api/telemetry names it). */
export function figureValue(report: Report, figure: string): number | undefined {
  const dot = figure.lastIndexOf('.');
  if (dot <= 0 || report.type !== figure.slice(0, dot)) return undefined;
  const value = (report as Record<string, unknown>)[figure.slice(dot + 1)];
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The points of `figure` a telemetry batch adds: one per matching report, at the batch's time. */
export function figurePoints(device: string, telemetry: Telemetry, figure: string): TelemetryPoint[] {
  return telemetry.reports.flatMap((r) => {
    const value = figureValue(r, figure);
    return value === undefined ? [] : [{ device, ts: telemetry.ts, value }];
  });
}
