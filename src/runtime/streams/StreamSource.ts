// A stream source says what the temperature is at any virtual time. Sources are pure functions of time (the same
// t always gives the same value), so replay follows the virtual clock at any speed — real time, ×N or
// fast-forward — and a test can ask for any instant in any order.
import type { TemperatureFeed } from '../peripherals/SimTemperatureSensor';

/**
 * Virtual time between two readings of a stream, µs: the anomaly firmware samples its sensor once per virtual
 * second, and the sources present one reading per second, so each reading is sampled exactly once.
 */
export const DEFAULT_READING_PERIOD_US = 1_000_000;

export interface StreamSource extends TemperatureFeed {
  readonly kind: 'manual' | 'synthetic' | 'csv';
  /** Temperature in °C at virtual time `tUs` (absolute). */
  valueAt(tUs: number): number;
}
