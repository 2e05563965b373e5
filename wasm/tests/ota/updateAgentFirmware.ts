// A small app around the SDK's UpdateAgent for the update specs, and the host side of a board that runs it: the
// factory programs a signed image into the primary slot and provisions the secure element, then the test offers
// images over the update link and resets the board (a new board from the kept flash and keys) wherever it likes.
//
// The app's "model" is its image body as text; its self-test passes when the body starts with "GOOD".
import { Board, type BoardNonVolatile } from '../../../src/runtime/Board';
import { factoryBoard } from '../../../src/runtime/factory';
import { Simulator } from '../../../src/runtime/Simulator';
import { compileSdkFirmware } from '../../../src/toolchain/testing/compileForTest';
import { buildImage, nobleSigner, PAYLOAD_TYPES, type Signer } from '../../../src/ota';
import { parseCheckedReport } from '../checkedTelemetry';
import type { OtaStatusReport } from '../../../src/shared/telemetry/reports';

export const APP = `
#include "mbed.h"
#include "FlashIAP.h"
#include "SecureElement.h"
#include "UpdateAgent.h"
#include "UpdateLink.h"

EventQueue queue;
FlashIAP flash;
SecureElement se(I2C_SDA, I2C_SCL);
UpdateLink link;
alignas(16) static char model[16 * 1024];

bool install(void*, UpdateAgent& agent, const ota::ImageInfo& info, char* why, size_t why_size) {
    if (info.body_size >= sizeof model) {
        snprintf(why, why_size, "model too large");
        return false;
    }
    if (!agent.read_primary(info.body_offset, model, info.body_size)) {
        snprintf(why, why_size, "flash read failed");
        return false;
    }
    model[info.body_size] = 0;
    if (strncmp(model, "GOOD", 4) != 0) {
        snprintf(why, why_size, "self-test failed");
        return false;
    }
    printf("installed %s\\n", model);
    return true;
}

const UpdateAgent::App app = {"test", ota::PayloadType::kNnModelV1, install, nullptr, sizeof model - 1};
UpdateAgent agent(queue, flash, se, link, app);

int main() {
    flash.init();
    printf(agent.boot() ? "booted\\n" : "no model\\n");
    queue.dispatch_forever();
}
`;

const secret = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 13 + n) & 0xff || 1);
export const FACTORY = nobleSigner(secret(1));
export const OWNER = nobleSigner(secret(2));
export const STRANGER = nobleSigner(secret(3));
export const WORKSHOP = nobleSigner(secret(4));

export function image(
  version: [number, number, number],
  text: string,
  signer: Signer = OWNER,
  opts: { securityCounter?: number; target?: string } = {},
): Promise<Uint8Array> {
  return buildImage(
    {
      version: { major: version[0], minor: version[1], revision: version[2], build: 0 },
      securityCounter: opts.securityCounter ?? 1,
      target: opts.target ?? 'test',
      payloadType: PAYLOAD_TYPES.nnModelV1,
      body: new TextEncoder().encode(text),
    },
    signer,
  );
}

let wasm: Uint8Array | undefined;

export interface TestDevice {
  sim: Simulator;
  board: Board;
  serial: () => string;
  statuses: OtaStatusReport[];
  last: () => OtaStatusReport;
}

/** Boots a board with what an earlier one kept (or a factory-fresh one: erased flash, the factory image). */
export async function boot(kept?: BoardNonVolatile, factoryImage?: Uint8Array): Promise<TestDevice> {
  wasm ??= await compileSdkFirmware(APP);
  const board = new Board(kept ?? factoryBoard({ factory: FACTORY.publicKey, owner: OWNER.publicKey }, factoryImage));
  const sim = await Simulator.load(wasm, { board });
  let out = '';
  sim.board.serial.addOutputListener((b) => (out += new TextDecoder().decode(b)));
  const statuses: OtaStatusReport[] = [];
  sim.board.telemetry.add((json) => {
    const r = parseCheckedReport<{ type: string }>(json);
    if (r.type === 'ota.status') statuses.push(r as OtaStatusReport);
  });
  return { sim, board, serial: () => out, statuses, last: () => statuses[statuses.length - 1] };
}

/** What a reset keeps of `device`'s board. */
export function keptOf(device: TestDevice): BoardNonVolatile {
  return { flash: device.board.flash.snapshot(), keys: device.board.secureElement.provisioned() };
}

export const etagOf = (n: number) => Uint8Array.of(n, 0, 0, 0, 0, 0, 0, 0);
