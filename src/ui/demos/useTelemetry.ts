// The newest firmware report of one type, as React state (for low-rate reports such as inference results).
import { useEffect, useState } from 'react';
import { telemetryChannel } from '../../services/channels';
import type { ReportOf, ReportType } from '../../shared/telemetry/reports';

export function useTelemetry<T extends ReportType>(type: T): ReportOf<T> | undefined {
  const [report, setReport] = useState<ReportOf<T> | undefined>(
    () => telemetryChannel.latest.get(type) as ReportOf<T> | undefined,
  );
  useEffect(() => telemetryChannel.subscribe(type, (r) => setReport(r)), [type]);
  return report;
}
