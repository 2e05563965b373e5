// The anomaly firmware's models: on-device learning, the learned model kept in flash across a reset, model blobs
// swapped at run time, and the sensor's faults.
import { describe, expect, it } from 'vitest';
import { decodeModelBlob, encodeModelBlob, MODEL_BLOB_SLOT, type AnomalyModel } from '../../src/ml/anomaly/modelBlob';
import { Board } from '../../src/runtime/Board';
import { MAX_BLOB_SLOTS } from '../../src/runtime/abi/abiSpec';
import { Simulator } from '../../src/runtime/Simulator';
import { ManualSource } from '../../src/runtime/streams/ManualSource';
import { SyntheticSource, type InjectedAnomaly } from '../../src/runtime/streams/SyntheticSource';
import type { AnomalySampleReport } from '../../src/shared/telemetry/reports';
import { boot, wasm, K, readDefaultBlob, readingOf, S } from './anomalyFirmware';

describe('anomaly firmware: models, learning and the sensor', () => {
  it('learns on the device (BUTTON1) so a stream unlike the training data works', async () => {
    // A hotter, noisier machine: the offline model's sigma (0.19 °C) would flag a third of it.
    const source = new SyntheticSource({ seed: 5, baselineC: 70, dailyAmplitudeC: 8, noiseC: 1.0 });
    const { sim, samples, models, serial } = await boot(source);
    sim.runFor(400 * S);
    const before = samples.slice(100).filter((s) => s.outlier).length / 300;
    expect(before).toBeGreaterThan(0.3);
    sim.board.buttons.BUTTON1.press();
    sim.runFor(50_000);
    sim.board.buttons.BUTTON1.release();
    expect(sim.board.leds.LED2.isOn).toBe(true);
    sim.runFor(300 * S);
    expect(samples.at(-1)!.mode).toBe('learn');
    expect(samples.some((s) => s.phase === 'learning')).toBe(true);
    expect(serial()).toContain('# learning on: first fit after 288 readings');
    expect(serial()).toMatch(/# fitted on the device over 282 readings: sigma=1\.\d+/);
    expect(models.at(-1)).toMatchObject({ status: 'learned', source: 'device', k: 6, pairs: 282 });
    sim.runFor(1200 * S);
    const after = samples.slice(-1000).filter((s) => s.outlier).length / 1000;
    console.log(
      `on-device learning: ${(before * 100).toFixed(0)} % outliers with the offline model, ${(after * 100).toFixed(1)} % after fitting on the device`,
    );
    expect(after).toBeLessThan(0.08);
    // BUTTON1 again: back to the compiled-in model
    sim.board.buttons.BUTTON1.press();
    sim.runFor(50_000);
    sim.board.buttons.BUTTON1.release();
    sim.runFor(2 * S);
    expect(samples.at(-1)!.mode).toBe('model');
    expect(sim.board.leds.LED2.isOn).toBe(false);
  });

  it('keeps the model it learned on the device across a reset, in flash, and forgets it when learning is switched off', async () => {
    // What the page does on Reset: a new board in a new worker, with the old board's flash (blob slots) put in first.
    const resetInto = (old: Board) => {
      const board = new Board();
      for (let slot = 0; slot < MAX_BLOB_SLOTS; slot++) {
        const blob = old.blobs.get(slot);
        if (blob) board.blobs.put(slot, blob);
      }
      return board;
    };
    const press = (sim: Simulator) => {
      sim.board.buttons.BUTTON1.press();
      sim.runFor(50_000);
      sim.board.buttons.BUTTON1.release();
    };
    const source = new SyntheticSource({ seed: 5, baselineC: 70, dailyAmplitudeC: 8, noiseC: 1.0 });
    const first = await boot(source);
    first.sim.runFor(5 * S);
    press(first.sim);
    first.sim.runFor(300 * S);
    const learned = first.models.at(-1) as { status: string; sigma: number };
    expect(learned.status).toBe('learned');

    const second = await boot(source, resetInto(first.sim.board));
    second.sim.runFor(10 * S);
    expect(second.serial()).toMatch(
      /# resumed the model learned on the device before the reset: sigma=1\.\d{4}, refit after 288 readings/,
    );
    expect(second.models.at(-1)).toMatchObject({ status: 'loaded', source: 'flash', mode: 'learn' });
    expect(second.sim.board.leds.LED2.isOn).toBe(true);
    // it predicts as soon as it has k readings, with the learned interval, instead of learning for 288 readings
    const s = second.samples[K];
    expect(s).toMatchObject({ phase: 'detect', mode: 'learn' });
    expect((s.hi! - s.lo!) / 2 / 1.96).toBeCloseTo(learned.sigma, 3);

    // BUTTON1 back to the loaded model erases the fit: the next reset starts with the loaded model
    press(second.sim);
    second.sim.runFor(2 * S);
    const third = await boot(source, resetInto(second.sim.board));
    third.sim.runFor(10 * S);
    expect(third.serial()).not.toContain('# resumed');
    expect(third.samples.at(-1)).toMatchObject({ mode: 'model' });
  });

  it('swaps the model from blob slot 1 at run time and rejects a corrupt blob, keeping the previous model', async () => {
    const { sim, samples, models, serial } = await boot(new SyntheticSource({ seed: 6 }));
    sim.runFor(20 * S);
    const base = decodeModelBlob(readDefaultBlob());
    if (!base.ok) throw new Error(base.error);
    const wider: AnomalyModel = { ...base.model, z: 3, debounce: 3 };
    const good = encodeModelBlob(wider);
    sim.board.blobs.put(MODEL_BLOB_SLOT, good);
    sim.runFor(2 * S);
    expect(serial()).toMatch(/# model from slot1: k=6 z=3\.00 .*debounce=3/);
    const crc = (models.at(-1) as { crc: string }).crc;
    const width = (s: AnomalySampleReport) => (s.hi! - s.lo!) / 2;
    expect(width(samples.at(-1)!) / base.model.sigma).toBeCloseTo(3, 3);

    const corrupt = good.slice();
    corrupt[45] ^= 0x10; // a weight bit
    sim.board.blobs.put(MODEL_BLOB_SLOT, corrupt);
    sim.runFor(2 * S);
    expect(serial()).toMatch(
      new RegExp(
        `# model blob rejected: CRC mismatch \\(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\\); keeping the current model \\(crc=${crc}\\)`,
      ),
    );
    expect(models.at(-1)).toMatchObject({
      status: 'rejected',
      source: 'slot1',
      reason: expect.stringMatching(/CRC mismatch/),
    });
    expect(width(samples.at(-1)!) / base.model.sigma).toBeCloseTo(3, 3); // still the accepted model

    const wrongVersion = good.slice();
    wrongVersion[4] = 2;
    for (const blob of [wrongVersion, good.subarray(0, 30), new Uint8Array(4000)]) {
      sim.board.blobs.put(MODEL_BLOB_SLOT, blob);
      sim.runFor(1 * S);
    }
    expect(serial()).toContain('# model blob rejected: unsupported version 2 (this firmware reads 1)');
    expect(serial()).toContain('# model blob rejected: blob too short (30 bytes)');
    expect(serial()).toContain('# model blob rejected: blob too long (4000 bytes)');
    expect(sim.runState).toBe('running');
    expect(width(samples.at(-1)!) / base.model.sigma).toBeCloseTo(3, 3);
  });

  it('starts with a model already in slot 1 and resets its counters on BUTTON2', async () => {
    const sim = await Simulator.load(wasm);
    const sensor = sim.board.temperature;
    const manual = new ManualSource(21);
    sensor.setFeed(manual);
    // a raw detector (every outlier an alarm: debounce 1, no alarm threshold, no hold-off) on a flat stream with a tiny floor: every change is an anomaly
    const base = decodeModelBlob(readDefaultBlob());
    if (!base.ok) throw new Error(base.error);
    sim.board.blobs.put(
      MODEL_BLOB_SLOT,
      encodeModelBlob({
        ...base.model,
        weights: [0, 0, 0, 0, 0, 1],
        bias: 0,
        sigma: 0,
        alarmZ: 0,
        debounce: 1,
        holdoff: 0,
      }),
    );
    let out = '';
    sim.board.serial.addOutputListener((b) => (out += new TextDecoder().decode(b)));
    sim.runFor(10 * S);
    expect(out).toContain('# model from slot1');
    expect(sim.board.lcd.text).toContain('anomalies 0');
    manual.set(25); // the slider moves
    sim.runFor(3 * S);
    expect(sim.board.lcd.text).toContain('anomalies 1');
    expect(sim.board.leds.LED1.isOn).toBe(false); // the next reading sat on the new level again
    sim.board.buttons.BUTTON2.press();
    sim.runFor(50_000);
    sim.board.buttons.BUTTON2.release();
    sim.runFor(1 * S);
    expect(out).toContain('# counters reset');
    expect(sim.board.lcd.text).toContain('anomalies 0');
  });

  it('sees noise bursts; a stuck sensor is invisible to a one-step predictor (documented)', async () => {
    const source = new SyntheticSource({
      seed: 9,
      anomalies: [
        { kind: 'noise', atUs: 400 * S, durationUs: 30 * S, magnitudeC: 1 },
        { kind: 'stuck', atUs: 1000 * S, durationUs: 60 * S },
      ],
    });
    const { sim, samples } = await boot(source);
    sim.runFor(1200 * S);
    const alarmsIn = (a: InjectedAnomaly) =>
      samples.filter((s) => s.anomaly && readingOf(s.t_us) >= a.firstReading && readingOf(s.t_us) <= a.lastReading + K)
        .length;
    const [noise, stuck] = source.anomalies;
    console.log(
      `noise burst: ${alarmsIn(noise)} alarms in 30 readings; stuck sensor: ${alarmsIn(stuck)} alarms in 60 readings`,
    );
    expect(alarmsIn(noise)).toBeGreaterThan(0);
  });

  it('reports a sensor whose data fails the CRC check', async () => {
    const sim = await Simulator.load(wasm);
    let out = '';
    sim.board.serial.addOutputListener((b) => (out += new TextDecoder().decode(b)));
    sim.board.i2c.detach(0x44);
    sim.board.i2c.attach({
      name: 'bad SHT31',
      address: 0x44,
      write: () => true,
      read: (n) => new Uint8Array(n).fill(0x12),
    });
    sim.runFor(2 * S);
    expect(out).toContain('# sensor error: SHT31 CRC mismatch');
  });

  it('reports a sensor that does not answer', async () => {
    const sim = await Simulator.load(wasm);
    let out = '';
    sim.board.serial.addOutputListener((b) => (out += new TextDecoder().decode(b)));
    sim.board.i2c.detach(0x44); // the board's SHT31 unplugged
    sim.runFor(2 * S);
    expect(out).toContain('# sensor error: no answer from SHT31 (command NACKed)');
    expect(sim.runState).toBe('running');
  });
});
