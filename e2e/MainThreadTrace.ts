// Records what the page's main thread does (a Chrome trace through CDP): the CPU time of each task — unlike a
// task's wall time, not lengthened when a loaded machine takes the core away — and the layouts forced by scripts.
import type { Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadFigures {
  /** Tasks seen on the main thread. */
  tasks: number;
  /** The most CPU time one task took, ms. */
  longestTaskCpuMs: number;
  /** Layouts run inside a script (it read geometry after changing the page), which the browser must do at once. */
  forcedLayouts: number;
  /** What the longest task spent its time on: its largest events by name, e.g. "FunctionCall 9 ms, MajorGC 3 ms". */
  longestTaskParts: string;
}

const SCRIPT = new Set(['FunctionCall', 'FireAnimationFrame', 'v8.callFunction', 'EvaluateScript']);

/** Traces the main thread while `during` runs. */
export async function traceMainThread(page: Page, during: () => Promise<void>): Promise<MainThreadFigures> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await during();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();

  const mainThreads = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = events.filter((e) => e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`));
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  // Chrome now and then records a task without its thread time (2 of 9 traces of a training run here):
  // such a task counts with its wall time, which bounds its CPU time from above.
  if (tasks.length && tasks.every((t) => t.tdur === undefined))
    throw new Error('the trace has no thread times: the tasks cannot be measured');
  const scripts = onMain.filter((e) => SCRIPT.has(e.name));
  const inside = (inner: TraceEvent, outer: TraceEvent) =>
    outer.ts <= inner.ts && inner.ts + inner.dur! <= outer.ts + outer.dur!;
  const cpu = (t: TraceEvent) => (t.tdur ?? t.dur!) / 1000;
  const longest = tasks.reduce<TraceEvent | undefined>((a, t) => (a && cpu(a) >= cpu(t) ? a : t), undefined);
  return {
    tasks: tasks.length,
    longestTaskCpuMs: longest ? cpu(longest) : 0,
    longestTaskParts: longest ? partsOf(onMain.filter((e) => e !== longest && inside(e, longest))) : '',
    forcedLayouts: onMain.filter((e) => e.name === 'Layout' && scripts.some((s) => inside(e, s))).length,
  };
}

/** A task's direct children summed by name, largest first (wall time: children carry no reliable thread time). */
function partsOf(within: TraceEvent[]): string {
  const direct = within.filter((e) => !within.some((o) => o !== e && o.ts <= e.ts && e.ts + e.dur! <= o.ts + o.dur!));
  const byName = new Map<string, number>();
  for (const e of direct) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur! / 1000);
  return [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)} ms`)
    .join(', ');
}
