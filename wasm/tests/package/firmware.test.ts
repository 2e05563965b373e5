// The loader as firmware uses it: an app built against the SDK (libnn.a, nn/model_loader.h) on the simulated board
// loads a package from its const data, runs the carried self-test, and refuses a tampered copy with the reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/runtime/Simulator';
import { mlpPackage } from '../../../src/ml/package';
import { randomInt8, randomMlpArtefact } from '../../../src/ml/package/testGraphs';
import { compileSdkFirmware } from '../../../src/toolchain/testing/compileForTest';

const pkg = mlpPackage(randomMlpArtefact([64, 16, 10], 21), [randomInt8(1, 64), randomInt8(2, 64)]);
const tampered = pkg.slice();
tampered[pkg.length - 1]! ^= 1; // the last expected byte of the last vector (prediction, int32 high byte)

const bytes = (b: Uint8Array) => Array.from(b).join(',');
const firmware = `
#include "mbed.h"
#include "nn/model_loader.h"

alignas(16) static const uint8_t kPackage[] = {${bytes(pkg)}};
alignas(16) static const uint8_t kTampered[] = {${bytes(tampered)}};
alignas(16) static uint8_t pool[8 * 1024];
alignas(16) static uint8_t arena[4 * 1024];

static void load(const char* name, const uint8_t* body, size_t size, size_t pool_bytes) {
    nn::LoadedModel model;
    if (nn::LoadModel(body, size, pool, pool_bytes, arena, sizeof(arena), &model) != nn::Status::kOk) {
        printf("%s refused: %s\\n", name, model.error);
        return;
    }
    nn::SelfTestResult st = nn::RunSelfTest(model);
    printf("%s loaded pool=%d arena=%d: %s\\n", name, (int)model.pool_bytes, (int)model.arena_bytes, st.message);
}

int main() {
    load("package", kPackage, sizeof(kPackage), sizeof(pool));
    load("tampered", kTampered, sizeof(kTampered), sizeof(pool));
    load("small pool", kPackage, sizeof(kPackage), 256);
    while (true) ThisThread::sleep_for(1000ms);
}
`;

describe('model loader in firmware (SDK libnn.a)', () => {
  let out = '';
  beforeAll(async () => {
    const sim = await Simulator.load(await compileSdkFirmware(firmware));
    sim.board.serial.addOutputListener((b) => (out += new TextDecoder().decode(b)));
    sim.runFor(1_000);
    expect(sim.runState).toBe('running');
  }, 300_000);

  it('loads the package and passes its self-test', () => {
    expect(out).toMatch(/^package loaded pool=\d+ arena=\d+: self-test passed: 2 vectors bit for bit$/m);
  });

  it('runs a tampered copy and reports the mismatch, and refuses a pool that is too small', () => {
    expect(out).toMatch(
      /^tampered loaded pool=\d+ arena=\d+: self-test vector 1 of 2: output 2 byte 3 is 0x00, expected 0x01$/m,
    );
    expect(out).toMatch(/^small pool refused: model needs \d+ bytes of pool, have 256$/m);
  });
});
