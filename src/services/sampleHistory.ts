// The anomaly detector's recent samples, kept while its chart is off screen (the Train or Device tab is open), so
// the chart draws the stream's last stretch again when it comes back. A sample older than the one before (a reset
// or a new board) starts the history afresh.
import { SampleWindow } from '../shared/SampleWindow';
import { telemetryChannel } from './channels';

/** Readings kept (a day of 5-minute readings is 288). */
const READINGS = 2_000;

export const sampleHistory = new SampleWindow(READINGS);
let lastUs = -Infinity;

telemetryChannel.subscribe('anomaly.sample', (r) => {
  if (r.t_us <= lastUs) sampleHistory.clear();
  lastUs = r.t_us;
  sampleHistory.push(r);
});
