// What a page keeps to act in a workshop: a board's device id and token per workshop (localStorage, so a reload
// rejoins as the same device), and the instructor's token (sessionStorage: it leaves the address bar at once and
// goes nowhere but the Authorization header of the page's own requests and the instructor's MQTT login).

export interface DeviceCredentials {
  deviceId: string;
  token: string;
}

const DEVICE_KEY = 'tinyml-sim:fleet-device:';
const INSTRUCTOR_KEY = 'tinyml-sim:fleet-instructor:';

const isCredentials = (v: unknown): v is DeviceCredentials =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as DeviceCredentials).deviceId === 'string' &&
  typeof (v as DeviceCredentials).token === 'string';

/** The credentials this browser was given for `workshop`, if it kept any (a corrupt entry counts as none). */
export function storedDevice(storage: Storage | undefined, workshop: string): DeviceCredentials | undefined {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(DEVICE_KEY + workshop) ?? 'null');
    return isCredentials(parsed) ? { deviceId: parsed.deviceId, token: parsed.token } : undefined;
  } catch {
    return undefined;
  }
}

export function storeDevice(storage: Storage | undefined, workshop: string, credentials: DeviceCredentials): void {
  try {
    storage?.setItem(DEVICE_KEY + workshop, JSON.stringify(credentials));
  } catch {
    // Storage refused: this page joins as a new device after a reload; nothing else depends on it.
  }
}

/**
 * The instructor token for `workshop`: taken from the address (`token=`), which is then rewritten without it, and
 * kept for this tab's session; from the session when the address has none (a reload).
 */
export function takeInstructorToken(
  url: URL,
  storage: Storage | undefined,
  replaceUrl: (url: URL) => void,
): string | undefined {
  const workshop = url.searchParams.get('workshop') ?? '';
  const given = url.searchParams.get('token');
  if (given !== null) {
    const stripped = new URL(url);
    stripped.searchParams.delete('token');
    replaceUrl(stripped);
    if (!given) return undefined;
    try {
      storage?.setItem(INSTRUCTOR_KEY + workshop, given);
    } catch {
      // Kept in memory only: a reload asks for the instructor link again.
    }
    return given;
  }
  try {
    return storage?.getItem(INSTRUCTOR_KEY + workshop) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The server refused the token: a reload asks for the instructor link again instead of retrying it. */
export function forgetInstructorToken(storage: Storage | undefined, workshop: string): void {
  try {
    storage?.removeItem(INSTRUCTOR_KEY + workshop);
  } catch {
    // Nothing was kept.
  }
}
