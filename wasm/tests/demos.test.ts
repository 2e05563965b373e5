// The bundled demo firmware, built by `npm run build:firmware`, run in Node under the runtime in virtual time.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/runtime/Simulator';

const load = (name: string) =>
  Simulator.load(readFileSync(new URL(`../../public/firmware/${name}.wasm`, import.meta.url)));

function transcript(sim: Simulator): () => string {
  let out = '';
  sim.board.serial.addOutputListener((b) => (out += new TextDecoder().decode(b)));
  return () => out;
}

describe('blinky', () => {
  it('toggles LED1 exactly 10 times in 5 virtual seconds', async () => {
    const sim = await load('blinky');
    sim.runFor(5_000_000);
    expect(sim.board.leds.LED1.toggles).toBe(10);
    expect(sim.runState).toBe('running');
  });
});

describe('button_lcd', () => {
  it('counts BUTTON1 presses on the LCD while LED2 mirrors the button', async () => {
    const sim = await load('button_lcd');
    sim.runFor(50_000);
    expect(sim.board.lcd.text).toBe('Presses: 0');
    for (let i = 1; i <= 3; i++) {
      sim.board.buttons.BUTTON1.press();
      sim.runFor(20_000);
      expect(sim.board.leds.LED2.isOn).toBe(true);
      sim.board.buttons.BUTTON1.release();
      sim.runFor(20_000);
      expect(sim.board.leds.LED2.isOn).toBe(false);
      expect(sim.board.lcd.text).toBe(`Presses: ${i}`);
    }
    // The text is drawn, not just reported: the framebuffer has lit pixels where the text sits.
    let lit = 0;
    for (let y = 13; y < 21; y++) for (let x = 0; x < 128; x++) lit += sim.board.lcd.pixel(x, y) ? 1 : 0;
    expect(lit).toBeGreaterThan(40);
  });
});

describe('serial_echo', () => {
  it('echoes characters as typed and answers each line', async () => {
    const sim = await load('serial_echo');
    const out = transcript(sim);
    sim.runFor(10_000);
    sim.board.serial.send(new TextEncoder().encode('hi there\r'));
    sim.runFor(100_000);
    expect(out()).toContain('hi there');
    expect(out()).toContain('echo: hi there');
  });
});
