// The newest firmware report of one type, as React state (for low-rate reports such as inference results).
import { useEffect, useState } from 'react';
import { telemetryChannel, type TelemetryReport } from '../../services/channels';

export function useTelemetry<T extends TelemetryReport>(type: string): T | undefined {
  const [report, setReport] = useState<T | undefined>(() => telemetryChannel.latest.get(type) as T | undefined);
  useEffect(() => telemetryChannel.subscribe(type, (r) => setReport(r as T)), [type]);
  return report;
}
