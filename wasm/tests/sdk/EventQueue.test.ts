// EventQueue on virtual time: call() runs in the dispatching thread, call_in() after the delay, call_every()
// periodically without drift; cancel() and time_left() work by id; an event posted from an interrupt runs in
// thread context; dispatch_for() returns after its time.
import { beforeAll, describe, expect, it } from 'vitest';
import { bootFirmware, lastReport, type TestBoard } from './sdkFirmware';

const firmware = `
#include "mbed.h"
EventQueue queue;
Timeout timeout;
Timer clock_;
DigitalOut every(LED1), later(LED2);
volatile int from_isr_in_isr = -1;
void on_every() { every = !every; }
void on_later() { later = 1; }
void never() { printf("cancelled event ran\\n"); }
void from_isr() { from_isr_in_isr = core_util_is_isr_active(); }
void on_timeout() { queue.call(&from_isr); }
int main() {
    clock_.start();
    queue.call([] { printf("call %d\\n", core_util_is_isr_active()); });
    int every_id = queue.call_every(100ms, &on_every);
    queue.call_in(250ms, &on_later);
    int cancelled = queue.call_in(50ms, &never);
    printf("time_left %d %d\\n", queue.time_left(cancelled), queue.time_left(12345));
    printf("cancel %d %d\\n", queue.cancel(cancelled), queue.cancel(cancelled));
    timeout.attach(&on_timeout, 20ms);
    queue.dispatch_for(1000ms);
    printf("dispatched_for %lld\\n", (long long)clock_.elapsed_time().count() / 1000);
    printf("from_isr %d\\n", from_isr_in_isr);
    queue.cancel(every_id);
    while (true) ThisThread::sleep_for(1s);
}
`;

let board: TestBoard;
beforeAll(async () => {
  board = await bootFirmware(firmware);
  board.sim.runFor(3_000_000);
});

const gaps = (t: number[]) => t.slice(1).map((v, i) => v - t[i]);

describe('EventQueue', () => {
  it('runs call() in thread context', () => {
    expect(lastReport(board.serial(), 'call')).toEqual([0]);
  });

  it('runs call_every() every period without drift, until cancelled', () => {
    const t = board.ledChanges.LED1;
    expect(t).toHaveLength(10); // 1 s of dispatch, then cancelled
    expect(gaps(t)).toEqual(Array(9).fill(100_000));
  });

  it('runs call_in() once, after its delay', () => {
    const [at] = board.ledChanges.LED2;
    expect(board.ledChanges.LED2).toHaveLength(1);
    expect(at - board.ledChanges.LED1[0]).toBeGreaterThanOrEqual(150_000);
    expect(at - board.ledChanges.LED1[0]).toBeLessThan(150_010);
  });

  it('reports time_left and cancels by id', () => {
    expect(lastReport(board.serial(), 'time_left')).toEqual([50, -1]);
    expect(lastReport(board.serial(), 'cancel')).toEqual([1, 0]);
    expect(board.serial()).not.toContain('cancelled event ran');
  });

  it('runs an event posted from an interrupt in thread context', () => {
    expect(lastReport(board.serial(), 'from_isr')).toEqual([0]);
  });

  it('returns from dispatch_for after its time', () => {
    expect(lastReport(board.serial(), 'dispatched_for')).toEqual([1000]);
  });
});
