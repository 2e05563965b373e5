// The board page's workshop indicator: which workshop, whether the board's MQTT session is up, and what its update
// agent is doing (the fleet delivers images; the agent downloads, checks and installs them as from the Device tab).
import { useStore } from '../../state/store';
import type { FleetLink } from '../../state/fleetSlice';
import { LWM2M_STATES, resultName } from '../demos/device/lwm2m';

const LINK_TEXT: Record<FleetLink, string> = {
  joining: 'joining…',
  connecting: 'connecting…',
  online: 'online',
  offline: 'offline, reconnecting…',
  refused: 'not joined',
};

/** host:port of the broker URL (the full URL is in the title). */
const workshopName = (workshop: string) => {
  try {
    return new URL(workshop).host;
  } catch {
    return workshop;
  }
};

export function FleetStatus() {
  const fleet = useStore((s) => s.boardFleet);
  const ota = useStore((s) => s.ota);
  if (!fleet) return null;
  const connected = fleet.link === 'online';
  const downloading = ota?.state === 1 && ota.download_size > 0;
  const update = !ota
    ? ''
    : ota.state !== 0
      ? `${LWM2M_STATES[ota.state]}${downloading ? ` ${Math.floor((100 * ota.downloaded_bytes) / ota.download_size)}%` : ''}`
      : ota.result === 0
        ? 'idle'
        : resultName(ota.result);
  return (
    <div
      className={`fleet-status link-${fleet.link}`}
      data-testid="fleet-status"
      data-connected={String(connected)}
      data-device-id={fleet.deviceId ?? ''}
      role="status"
      title={fleet.problem ?? `Workshop ${fleet.workshop}${fleet.deviceId ? `, device ${fleet.deviceId}` : ''}`}
    >
      <span className="fleet-dot" aria-hidden="true" />
      <span className="fleet-workshop">Workshop {workshopName(fleet.workshop)}</span>
      <span className="fleet-link">{fleet.problem ?? LINK_TEXT[fleet.link]}</span>
      {fleet.deviceId && <span className="fleet-device">{fleet.deviceId}</span>}
      {ota?.running && <span className="fleet-version">model v{ota.running}</span>}
      {update && <span className="fleet-update">update: {update}</span>}
    </div>
  );
}
