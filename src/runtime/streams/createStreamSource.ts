// Sources from plain, structured-cloneable descriptions, so the page can tell the firmware worker which stream to
// feed the sensor ("switch to this CSV trace starting now") in one message.
import { CsvSource, type CsvSourceOptions } from './CsvSource';
import { ManualSource } from './ManualSource';
import type { CsvTrace } from './parseCsvTrace';
import type { StreamSource } from './StreamSource';
import { SyntheticSource, type SyntheticOptions } from './SyntheticSource';

export type StreamSpec =
  | { kind: 'manual'; celsius: number }
  | { kind: 'synthetic'; options?: SyntheticOptions }
  | { kind: 'csv'; trace: CsvTrace; options?: CsvSourceOptions };

/** A source for `spec`; `startUs` (the current virtual time, say) is where a synthetic or CSV stream begins. */
export function createStreamSource(spec: StreamSpec, startUs = 0): StreamSource {
  switch (spec.kind) {
    case 'manual':
      return new ManualSource(spec.celsius);
    case 'synthetic':
      return new SyntheticSource({ startUs, ...spec.options });
    case 'csv':
      return new CsvSource(spec.trace, { startUs, ...spec.options });
    default:
      throw new Error(`createStreamSource: unknown stream kind "${(spec as { kind: string }).kind}"`);
  }
}
