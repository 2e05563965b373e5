// Demo apps use only the Mbed-style API and the SDK's classes: sim_* host calls and SIM_* constants of
// wasm/include/sim_abi.h belong to the SDK (wasm/mbed), never to an app a learner reads.
import { describe, expect, it } from 'vitest';
import { listApps } from '../../scripts/firmwareSources';
import { abiUses } from './cSource';

/** A file a learner reads in the editor; the generated MNIST model (487 KB of C++) lives in wasm/models instead. */
const MAX_APP_FILE_CHARS = 20_000;

describe('demo apps', () => {
  it('finds ABI uses in code and ignores them in comments and strings', () => {
    expect(
      abiUses('#include "sim_abi.h"\nint64_t t = sim_time_us(); // sim_fault\nputs("sim_only"); int x = SIM_IRQ_BLOB;'),
    ).toEqual(['#include sim_abi.h', 'sim_time_us', 'SIM_IRQ_BLOB']);
  });

  for (const app of listApps()) {
    it(`${app.name} calls no sim_* function and uses no SIM_* constant`, () => {
      const uses = Object.entries(app.sources).flatMap(([file, text]) => abiUses(text).map((u) => `${file}: ${u}`));
      expect(uses).toEqual([]);
    });
    it(`${app.name} has no file too large to read in the editor (generated models ship prebuilt in the SDK)`, () => {
      const large = Object.entries(app.sources).filter(([, text]) => text.length > MAX_APP_FILE_CHARS);
      expect(large.map(([file, text]) => `${file} (${text.length} chars)`)).toEqual([]);
    });
  }
});
