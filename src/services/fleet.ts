// A board page joins a workshop (`?workshop=<broker ws url>&code=<join code>`): POST /api/join gives it a device id
// and token, kept per workshop in localStorage so a reload comes back as the same device; then the fleet client
// in the firmware worker connects with them. Only the device's own credentials go to the worker.
import { fromHex } from '../ota';
import type { LessonProgress } from '../fleet/protocol';
import { useStore } from '../state/store';
import { FleetApi, FleetApiError, apiOrigin } from './fleetApi';
import { storeDevice, storedDevice } from './fleetCredentials';
import { localStorageOrUndefined } from './editJournal';
import { lessonsView, subscribeLessons } from './lessons';
import { firmware } from './session';

/** The demo a workshop board runs unless the link names another: the one whose model the fleet updates. */
export const WORKSHOP_DEMO = 'mnist';

/** The open lesson's progress goes to the instructor with the board's telemetry (a column of the device list). */
function reportLessonProgress(): void {
  const { lesson, progress } = lessonsView();
  if (!lesson) return;
  const done = lesson.steps.filter((s) => progress[lesson.id]?.includes(s.id)).length;
  const report: LessonProgress = {
    type: 'lesson.progress',
    lesson: lesson.id,
    title: lesson.title,
    done,
    steps: lesson.steps.length,
  };
  firmware.reportToFleet(report);
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function joinWorkshop(workshop: string, code: string): Promise<void> {
  const store = useStore.getState();
  store.setBoardFleet({ workshop, link: 'joining' });
  const storage = localStorageOrUndefined();
  let joined;
  try {
    const api = new FleetApi(apiOrigin(workshop));
    joined = await api.join({ code, ...storedDevice(storage, workshop) });
  } catch (e) {
    const refused = e instanceof FleetApiError && e.status === 403;
    store.setBoardFleet({
      workshop,
      link: 'refused',
      problem: refused
        ? 'The workshop refused this join code.'
        : `Could not join (reload to try again): ${errorText(e)}`,
    });
    return;
  }
  storeDevice(storage, workshop, { deviceId: joined.deviceId, token: joined.token });
  reportLessonProgress();
  subscribeLessons(reportLessonProgress);
  store.setBoardFleet({ workshop, deviceId: joined.deviceId, link: 'connecting' });
  firmware.joinFleet(
    {
      broker: joined.broker,
      workshop: joined.workshop,
      deviceId: joined.deviceId,
      token: joined.token,
      app: useStore.getState().appName ?? WORKSHOP_DEMO,
    },
    joined.instructorKey ? fromHex(joined.instructorKey) : undefined,
  );
}
