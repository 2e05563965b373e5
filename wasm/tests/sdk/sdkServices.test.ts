// The SDK classes over the simulator's blob, telemetry and clock imports, on virtual time: TelemetryReport (the one
// JSON writer), TextWriter, BlobSlot, HighResClock and HostTimer.
import { beforeAll, describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/runtime/Simulator';
import { compileSdkFirmware } from '../../../src/toolchain/testing/compileForTest';

const FIRMWARE = String.raw`
#include "mbed.h"

BlobSlot slot3(3);
EventQueue queue;

void on_update() {
    uint8_t buf[4];
    const int32_t n = slot3.read(buf, sizeof buf);
    TelemetryReport<> r("test.blob");
    r.integer("slot", slot3.slot()).integer("length", n).begin_array("first");
    for (int32_t i = 0; i < n && i < 4; ++i) r.integer(buf[i]);
    r.end_array().send();
}

int main() {
    TelemetryReport<> r("test.values");
    r.integer("min", INT64_MIN).integer("max", INT64_MAX).fixed("fixed", -21.456f, 2).fixed("half", 0.125f, 2);
    r.fixed("nan", NAN, 2).real("real", 0.00392156863, 9).real("inf", INFINITY, 4);
    r.boolean("yes", true).boolean("no", false).string("text", "say \"hi\"\\\n").null("none");
    r.begin_object("nested").begin_array("list").integer(1).fixed(2.5f, 1).real(1e-7, 3).fixed(NAN, 1);
    r.begin_object().integer("x", 1).end_object().begin_array().integer(7).end_array().end_array().end_object();
    r.send();

    TelemetryReport<24> small("test.overflow");
    small.string("long", "this does not fit in 24 bytes");
    printf("overflow sent=%d\n", small.send() ? 1 : 0);

    Text<8> line;
    line.add("abc").add_int(-42).add_fixed(1.5f, 1);
    printf("text=[%s] size=%u overflowed=%d\n", line.c_str(), static_cast<unsigned>(line.size()), line.overflowed() ? 1 : 0);

    printf("empty slot=%d\n", static_cast<int>(slot3.read(nullptr, 0)));

    const int64_t t0 = HighResClock::now().time_since_epoch().count();
    ThisThread::sleep_for(5ms);
    const int64_t t1 = HighResClock::now().time_since_epoch().count();
    printf("virtual us slept=%lld\n", static_cast<long long>(t1 - t0));

    HostTimer host;
    host.start();
    volatile uint32_t spin = 0;
    for (uint32_t i = 0; i < 2000000; ++i) spin = spin + i;
    host.stop();
    const int64_t a = host.elapsed_time().count();
    const int64_t b = host.elapsed_time().count();
    printf("host ns positive=%d frozen=%d\n", a > 0 ? 1 : 0, a == b ? 1 : 0);

    slot3.attach(queue.event(on_update));
    queue.dispatch_forever();
}
`;

describe('SDK: telemetry, text, blobs and clocks', () => {
  let sim: Simulator;
  const reports: Record<string, unknown>[] = [];
  let serial = '';
  beforeAll(async () => {
    sim = await Simulator.load(await compileSdkFirmware(FIRMWARE));
    sim.board.telemetry.add((json) => reports.push(JSON.parse(json) as Record<string, unknown>));
    sim.board.serial.addOutputListener((b) => (serial += new TextDecoder().decode(b)));
    sim.runFor(100_000);
  });

  it('TelemetryReport writes valid JSON: integers at the int64 limits, fixed and significant digits, escapes, nesting', () => {
    expect(sim.runState).toBe('running');
    expect(reports[0]).toEqual({
      type: 'test.values',
      min: -(2 ** 63), // INT64_MIN and INT64_MAX as JSON numbers parse to the nearest doubles
      max: 2 ** 63,
      fixed: -21.46,
      half: 0.13,
      nan: null,
      real: 0.00392156863,
      inf: null,
      yes: true,
      no: false,
      text: 'say "hi"\\\n',
      none: null,
      nested: { list: [1, 2.5, 1e-7, null, { x: 1 }, [7]] },
    });
  });

  it('TelemetryReport does not send a report that outgrew its buffer, and says so', () => {
    expect(reports.some((r) => r.type === 'test.overflow')).toBe(false);
    expect(serial).toContain('telemetry report too long');
    expect(serial).toContain('overflow sent=0');
  });

  it('Text cuts off what does not fit and says so', () => {
    expect(serial).toContain('text=[abc-421] size=7 overflowed=1');
  });

  it('HighResClock reads virtual microseconds; HostTimer measures host time and stands still when stopped', () => {
    const slept = Number(serial.match(/virtual us slept=(\d+)/)![1]);
    expect(slept).toBeGreaterThanOrEqual(5000);
    expect(slept).toBeLessThan(5010); // plus the HAL calls' 1 µs each
    expect(serial).toContain('host ns positive=1 frozen=1');
  });

  it('BlobSlot reads an empty slot as -1 and hears only updates of its own slot', () => {
    expect(serial).toContain('empty slot=-1');
    sim.board.blobs.put(2, Uint8Array.of(9, 9));
    sim.runFor(1_000);
    expect(reports.filter((r) => r.type === 'test.blob')).toEqual([]);
    sim.board.blobs.put(3, Uint8Array.of(1, 2, 3, 4, 5, 6));
    sim.runFor(1_000);
    expect(reports.filter((r) => r.type === 'test.blob')).toEqual([
      { type: 'test.blob', slot: 3, length: 6, first: [1, 2, 3, 4] },
    ]);
  });
});
