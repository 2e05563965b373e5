// libota.a in the SDK: a firmware includes "ota/image.h" and "ota/sha256.h", links against the prebuilt archive and
// inspects a factory-signed image held in its flash (a const array) through a read callback, on the board.
import { beforeAll, describe, expect, it } from 'vitest';
import { factorySigner } from '../../../scripts/factorySigner';
import { buildImage, inspectImage, PAYLOAD_TYPES, toHex, FACTORY_KEY_HASH } from '../../../src/ota';
import { bootFirmware } from './sdkFirmware';

const cArray = (b: Uint8Array) => `{${Array.from(b).join(',')}}`;

let serial: string;
let image: Uint8Array;
beforeAll(async () => {
  image = await buildImage(
    {
      version: { major: 3, minor: 1, revision: 4, build: 15 },
      securityCounter: 4,
      target: 'mnist',
      payloadType: PAYLOAD_TYPES.nnModelV1,
      body: new TextEncoder().encode('an opaque model body'),
    },
    factorySigner(),
  );
  const firmware = `
#include <stdio.h>
#include <string.h>
#include "mbed.h"
#include "ota/image.h"
#include "ota/sha256.h"

static const uint8_t kImage[] = ${cArray(image)};
static const uint8_t kTrusted[1][ota::kKeyHashBytes] = {${cArray(FACTORY_KEY_HASH)}};

static bool ReadFlash(void*, uint32_t offset, uint8_t* buf, uint32_t len) {
    if (offset + len > sizeof(kImage)) return false;
    memcpy(buf, kImage + offset, len);
    return true;
}

static void Report(const char* label, uint32_t min_counter) {
    ota::Policy policy;
    policy.trusted_key_hashes = kTrusted;
    policy.trusted_key_count = 1;
    policy.min_security_counter = min_counter;
    policy.target = "mnist";
    ota::ImageInfo info;
    const ota::Verdict v = ota::InspectImage(ReadFlash, nullptr, sizeof(kImage), policy, &info);
    printf("%s %s result=%d", label, ota::VerdictName(v), static_cast<int>(ota::UpdateResultOf(v)));
    if (v == ota::Verdict::kOk) {
        printf(" v%d.%d.%d+%lu counter=%lu target=%s digest=", info.version.major, info.version.minor,
               info.version.revision, static_cast<unsigned long>(info.version.build),
               static_cast<unsigned long>(info.security_counter), info.target);
        for (uint8_t b : info.digest) printf("%02x", b);
    }
    printf("\\n");
}

int main() {
    uint8_t d[ota::Sha256::kDigestBytes];
    ota::Sha256::Hash(reinterpret_cast<const uint8_t*>("abc"), 3, d);
    printf("abc ");
    for (uint8_t b : d) printf("%02x", b);
    printf("\\n");
    Report("current", 4);
    Report("newer-device", 5);
    while (true) ThisThread::sleep_for(1s);
}
`;
  const board = await bootFirmware(firmware);
  board.sim.runFor(100_000);
  serial = board.serial();
}, 300_000);

describe('libota.a on the board', () => {
  it('hashes with ota::Sha256', () => {
    expect(serial).toContain('abc ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n');
  });

  it('inspects a factory-signed image in flash as the TS reader does, and refuses it below the device counter', () => {
    const ts = inspectImage(image, { trustedKeyHashes: [FACTORY_KEY_HASH], minSecurityCounter: 4, target: 'mnist' });
    if (!ts.ok) throw new Error(ts.message);
    expect(serial).toContain(`current ok result=0 v3.1.4+15 counter=4 target=mnist digest=${toHex(ts.info.digest)}\n`);
    expect(serial).toContain('newer-device securityCounterTooLow result=8\n');
  });
});
