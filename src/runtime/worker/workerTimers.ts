// The run loop's timers in a worker. A zero delay runs the callback as soon as pending messages are handled
// (MessageChannel), without setTimeout's 4 ms clamp, so fast-forward is not throttled to 250 ticks per second.
import type { LoopTimers } from '../RunLoop';

export function createWorkerTimers(): LoopTimers {
  const channel = new MessageChannel();
  const immediate: (() => void)[] = [];
  channel.port1.onmessage = () => immediate.shift()?.();
  return {
    wallNowMs: () => performance.now(),
    schedule(fn, delayMs) {
      if (delayMs <= 0) {
        immediate.push(fn);
        channel.port2.postMessage(0);
      } else setTimeout(fn, delayMs);
    },
  };
}
