// InterruptIn: a press of an active-low button is a falling edge, a release a rising one; handlers run in
// interrupt context at the firmware's next HAL call; disable_irq() masks edges until enable_irq(); attaching
// nullptr detaches a handler.
import { beforeAll, describe, expect, it } from 'vitest';
import { bootFirmware, lastReport, type TestBoard } from './sdkFirmware';

const firmware = `
#include "mbed.h"
InterruptIn button1(BUTTON1), button2(BUTTON2);
volatile int rises = 0, falls = 0, in_isr = 0, commands = 0;
void on_rise() { ++rises; }
void on_fall() { ++falls; in_isr = core_util_is_isr_active(); }
// BUTTON2 steps through: 1 disable_irq, 2 enable_irq, 3 detach the fall handler.
void on_command() {
    switch (++commands) {
        case 1: button1.disable_irq(); break;
        case 2: button1.enable_irq(); break;
        case 3: button1.fall(nullptr); break;
    }
}
int main() {
    button1.rise(&on_rise);
    button1.fall(&on_fall);
    button2.fall(&on_command);
    while (true) {
        printf("edges %d %d %d\\n", falls, rises, in_isr);
        ThisThread::sleep_for(10ms);
    }
}
`;

let board: TestBoard;
beforeAll(async () => {
  board = await bootFirmware(firmware);
  board.sim.runFor(5_000);
});

function click(name: 'BUTTON1' | 'BUTTON2') {
  board.sim.board.buttons[name].press();
  board.sim.runFor(1_000);
  board.sim.board.buttons[name].release();
  board.sim.runFor(20_000);
}

describe('InterruptIn', () => {
  it('calls fall on press and rise on release, in interrupt context', () => {
    expect(lastReport(board.serial(), 'edges')).toEqual([0, 0, 0]);
    board.sim.board.buttons.BUTTON1.press();
    board.sim.runFor(20_000);
    expect(lastReport(board.serial(), 'edges')).toEqual([1, 0, 1]);
    board.sim.board.buttons.BUTTON1.release();
    board.sim.runFor(20_000);
    expect(lastReport(board.serial(), 'edges')).toEqual([1, 1, 1]);
  });

  it('ignores edges while disabled and sees them again once enabled', () => {
    click('BUTTON2'); // disable_irq
    click('BUTTON1');
    expect(lastReport(board.serial(), 'edges')).toEqual([1, 1, 1]);
    click('BUTTON2'); // enable_irq
    click('BUTTON1');
    expect(lastReport(board.serial(), 'edges')).toEqual([2, 2, 1]);
  });

  it('detaches a handler given nullptr, keeping the other', () => {
    click('BUTTON2'); // fall(nullptr)
    click('BUTTON1');
    expect(lastReport(board.serial(), 'edges')).toEqual([2, 3, 1]);
  });
});
