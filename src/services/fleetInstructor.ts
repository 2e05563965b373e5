// The instructor page's I/O: commands over the server's HTTP API, live state by subscribing to the workshop's
// topics as the read-only "instructor" MQTT user. The token comes from the instructor link once, leaves the address
// bar, and is sent only in the Authorization header and as the MQTT password.
import mqtt, { type MqttClient } from 'mqtt';
import {
  CampaignListSchema,
  type CampaignRequest,
  DeviceStatusSchema,
  INSTRUCTOR_USERNAME,
  OtaStatusSchema,
  parseDeviceTopic,
  parseJson,
  TelemetrySchema,
  topics,
} from '../fleet/protocol';
import { toHex } from '../ota';
import { useStore } from '../state/store';
import { FleetApi, FleetApiError, apiOrigin } from './fleetApi';
import { forgetInstructorToken, takeInstructorToken } from './fleetCredentials';
import { profileSigner } from './signingKey';

/** The plot starts with this much of the server's stored telemetry. */
const PLOT_HISTORY_MS = 30 * 60_000;
const RECONNECT_MS = 2_000;
/** While no live subscription is up, the devices, campaigns and plotted figure are fetched this often. */
const REFRESH_MS = 2_000;

let api: FleetApi | undefined;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const sessionStorageOrUndefined = () => {
  try {
    return sessionStorage;
  } catch {
    return undefined;
  }
};

/** Reads the instructor link, checks the token with the server, loads the fleet and subscribes to its topics. */
export async function startInstructor(): Promise<void> {
  const store = useStore.getState();
  const url = new URL(location.href);
  const workshop = url.searchParams.get('workshop');
  const token = takeInstructorToken(url, sessionStorageOrUndefined(), (u) => history.replaceState(null, '', u));
  if (!workshop || !token) {
    store.setInstructorAccess(
      'missing',
      workshop ? 'The link has no instructor token.' : 'The link names no workshop.',
    );
    return;
  }
  let origin: string;
  try {
    origin = apiOrigin(workshop);
  } catch (e) {
    store.setInstructorAccess('missing', errorText(e));
    return;
  }
  api = new FleetApi(origin, token);
  try {
    const [devices, images, campaigns] = await Promise.all([api.devices(), api.images(), api.campaigns()]);
    store.setFleetDevices(devices);
    store.setFleetImages(images);
    store.setCampaigns(campaigns);
    store.setInstructorAccess('granted');
    void registerProfileKey(api);
    // The topics are named by the workshop's id; a server that does not say it leaves the page on the API alone.
    const info = await api.workshop().catch(() => undefined);
    if (info) followLive(workshop, info.workshop, token);
    setInterval(() => void refreshUnlessLive(), REFRESH_MS);
    await showFigure(useStore.getState().plotFigure);
  } catch (e) {
    if (e instanceof FleetApiError && e.status === 401) {
      forgetInstructorToken(sessionStorageOrUndefined(), workshop);
      store.setInstructorAccess('refused', 'The workshop server refused this instructor token.');
    } else store.setInstructorAccess('unreachable', `The workshop server did not answer: ${errorText(e)}`);
  }
}

/**
 * Tells the server this browser profile's signing key, which boards that join from then on trust: a model trained
 * and saved as an image in this profile (Device tab → Save image) can then be uploaded and deployed.
 */
async function registerProfileKey(server: FleetApi): Promise<void> {
  const store = useStore.getState();
  let signer;
  try {
    signer = await profileSigner();
  } catch (e) {
    store.setInstructorKeyNote({ trusted: false, text: `This browser keeps no signing key: ${errorText(e)}.` });
    return;
  }
  try {
    await server.registerKey(toHex(signer.publicKey));
    store.setInstructorKeyNote({
      trusted: true,
      text: "Boards that join trust this browser profile's key: images saved from its Device tab deploy. Boards that joined before this page first opened need a reload.",
    });
  } catch (e) {
    store.setInstructorKeyNote({
      trusted: false,
      text: `Images signed in this browser will be refused: ${errorText(e)}.`,
    });
  }
}

/**
 * Subscribes to `workshop`'s device and campaign topics on `broker` as the instructor and keeps the store's fleet
 * up to date from them (payloads that do not match the protocol's schemas are ignored). Returns the session.
 */
export function followLive(broker: string, workshop: string, token: string): MqttClient {
  const t = topics(workshop);
  const store = useStore.getState;
  const live = mqtt.connect(broker, {
    username: INSTRUCTOR_USERNAME,
    password: token,
    protocolVersion: 4,
    reconnectPeriod: RECONNECT_MS,
  });
  live.on('connect', () => {
    store().setFleetLive(true);
    // Not the image offers on dev/+/ota: they carry whole images the page has no use for.
    live.subscribe([t.anyStatus, t.anyOtaStatus, t.anyTelemetry, t.campaign], { qos: 1 });
  });
  live.on('close', () => store().setFleetLive(false));
  live.on('message', (topic, payload) => {
    if (topic === t.campaign) {
      const list = parseJson(CampaignListSchema, payload);
      if (list.ok) store().setCampaigns(list.value);
      return;
    }
    const at = parseDeviceTopic(workshop, topic);
    if (!at) return;
    if (at.kind === 'status') {
      const status = parseJson(DeviceStatusSchema, payload);
      if (status.ok) store().deviceStatus(at.id, status.value);
    } else if (at.kind === 'ota/status') {
      const ota = parseJson(OtaStatusSchema, payload);
      if (ota.ok) store().deviceOtaStatus(at.id, ota.value, Date.now());
    } else if (at.kind === 'telemetry') {
      const telemetry = parseJson(TelemetrySchema, payload);
      if (telemetry.ok) store().deviceTelemetry(at.id, telemetry.value);
    }
  });
  return live;
}

async function refreshUnlessLive(): Promise<void> {
  if (!api || useStore.getState().fleetLive) return;
  try {
    const figure = useStore.getState().plotFigure;
    const [devices, campaigns, points] = await Promise.all([
      api.devices(),
      api.campaigns(),
      api.telemetry(figure, Date.now() - PLOT_HISTORY_MS),
    ]);
    useStore.getState().setFleetDevices(devices);
    useStore.getState().setCampaigns(campaigns);
    if (useStore.getState().plotFigure === figure) useStore.getState().setPlot(figure, points);
  } catch {
    // The server is down: the next round tries again, and the page keeps what it showed.
  }
}

/** Plots `figure` across the fleet: the server's stored points first, then the live ones. */
export async function showFigure(figure: string): Promise<void> {
  const store = useStore.getState();
  store.setPlot(figure, []);
  if (!api) return;
  try {
    const points = await api.telemetry(figure, Date.now() - PLOT_HISTORY_MS);
    // Live points that arrived meanwhile are newer than the stored ones.
    if (useStore.getState().plotFigure === figure)
      store.setPlot(figure, [...points, ...useStore.getState().plotPoints]);
  } catch (e) {
    store.setFleetNote({ ok: false, text: `Telemetry: ${errorText(e)}` });
  }
}

export async function createCampaign(request: CampaignRequest): Promise<void> {
  const store = useStore.getState();
  if (!api) return;
  try {
    const campaign = await api.createCampaign(request);
    store.setFleetNote({
      ok: true,
      text: `Campaign ${campaign.id}: v${campaign.version} to ${campaign.total} devices`,
    });
    store.setCampaigns([campaign, ...useStore.getState().campaigns.filter((c) => c.id !== campaign.id)]);
  } catch (e) {
    store.setFleetNote({ ok: false, text: `Campaign refused: ${errorText(e)}` });
  }
}

export async function cancelCampaign(id: string): Promise<void> {
  if (!api) return;
  try {
    const campaign = await api.cancelCampaign(id);
    const campaigns = useStore.getState().campaigns.map((c) => (c.id === id ? campaign : c));
    useStore.getState().setCampaigns(campaigns);
  } catch (e) {
    useStore.getState().setFleetNote({ ok: false, text: `Cancel failed: ${errorText(e)}` });
  }
}

/** Uploads a signed image file; the server checks it (a factory-signed model image) before it offers it. */
export async function uploadImage(file: File): Promise<void> {
  const store = useStore.getState();
  if (!api) return;
  try {
    const image = await api.uploadImage(new Uint8Array(await file.arrayBuffer()), file.name);
    store.setFleetImages([...useStore.getState().fleetImages.filter((i) => i.id !== image.id), image]);
    store.setFleetNote({ ok: true, text: `Uploaded ${file.name}: v${image.version} (${image.size} bytes)` });
  } catch (e) {
    store.setFleetNote({ ok: false, text: `${file.name} refused: ${errorText(e)}` });
  }
}
