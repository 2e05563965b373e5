// LwM2M Object 5 (Firmware Update) names for the numbers the update agent reports.
import { LWM2M_UPDATE_RESULTS, type Lwm2mUpdateResult } from '../../../ota';

/** Resource 3, State. */
export const LWM2M_STATES = ['Idle', 'Downloading', 'Downloaded', 'Updating'] as const;

const RESULT_NAMES = Object.fromEntries(Object.entries(LWM2M_UPDATE_RESULTS).map(([name, n]) => [n, name])) as Record<
  number,
  Lwm2mUpdateResult
>;

/** Resource 5, Update Result, by name (e.g. "integrityCheckFailure"). */
export const resultName = (result: number): string => RESULT_NAMES[result] ?? `result ${result}`;
