// A temperature (and humidity) sensing element. The reading comes from a feed — a stream source such as a CSV
// replay or a synthetic generator, asked for its value at the virtual time of each measurement — or, without a
// feed, from a value set by hand (the slider). A bus device such as Sht31 calls measure() when the firmware starts
// a conversion; listeners see every measurement.
import { Listeners } from '../../shared/Listeners';

/** Anything that can say what the temperature is at a virtual time (µs, absolute). */
export interface TemperatureFeed {
  valueAt(tUs: number): number;
}

export interface Measurement {
  celsius: number;
  humidity: number;
  tUs: number;
}

export class SimTemperatureSensor {
  private feed: TemperatureFeed | undefined;
  private manualC: number;
  private rh = 45;
  private last: Measurement | undefined;
  private readonly measured = new Listeners<Measurement>();

  constructor(
    readonly name = 'temperature',
    initialC = 22,
  ) {
    this.manualC = this.checked(initialC);
  }

  /** The value set by hand (used while no feed is attached). */
  get manualCelsius(): number {
    return this.manualC;
  }

  get hasFeed(): boolean {
    return this.feed !== undefined;
  }

  /** The last measurement, if any. */
  get lastMeasurement(): Measurement | undefined {
    return this.last;
  }

  /** Sets the temperature by hand and detaches any feed: the slider takes over. */
  setCelsius(celsius: number): void {
    this.manualC = this.checked(celsius);
    this.feed = undefined;
  }

  /** Attaches a feed (undefined goes back to the hand-set value). */
  setFeed(feed: TemperatureFeed | undefined): void {
    this.feed = feed;
  }

  setHumidity(percent: number): void {
    if (!Number.isFinite(percent))
      throw new Error(`SimTemperatureSensor ${this.name}: humidity must be finite, got ${percent}`);
    this.rh = Math.min(100, Math.max(0, percent));
  }

  /** What the element senses at `tUs` without recording a measurement. */
  valueAt(tUs: number): number {
    return this.feed ? this.checked(this.feed.valueAt(tUs)) : this.manualC;
  }

  /** One conversion at virtual time `tUs` (absolute). */
  measure(tUs: number): Measurement {
    const m = { celsius: this.valueAt(tUs), humidity: this.rh, tUs };
    this.last = m;
    this.measured.emit(m);
    return m;
  }

  addMeasurementListener(fn: (m: Measurement) => void): () => void {
    return this.measured.add(fn);
  }

  private checked(celsius: number): number {
    if (!Number.isFinite(celsius))
      throw new Error(`SimTemperatureSensor ${this.name}: temperature must be finite, got ${celsius}`);
    return celsius;
  }
}
