// The guided lessons in the page: the lesson files bundled with the app (src/lessons/content/*.md, so they work
// offline), the open lesson's checks fed from the board's events, and the learner's progress in localStorage.
import { parseLessons, type Lesson } from '../lessons/lessonFile';
import { LessonRun, type StepResult } from '../lessons/lessonRun';
import { loadProgress, saveProgress, withoutProgress, withStepDone, type Progress } from '../lessons/progress';
import { Listeners } from '../shared/Listeners';
import { useStore } from '../state/store';
import { boardSnapshot, subscribeBoardEvents } from './boardEvents';
import { openDemo } from './session';

const FILES = import.meta.glob<string>('../lessons/content/*.md', { query: '?raw', import: 'default', eager: true });
const catalog = parseLessons(
  Object.fromEntries(Object.entries(FILES).map(([path, text]) => [path.replace(/^.*\//, ''), text])),
);

export interface LessonsView {
  lessons: readonly Lesson[];
  /** Lesson files that could not be read, and why. */
  fileErrors: readonly { file: string; error: string }[];
  panelOpen: boolean;
  lesson?: Lesson;
  /** The open lesson's steps as the board shows them now. */
  results: readonly StepResult[];
  progress: Progress;
  /** A lesson the address asked for that does not exist. */
  unknownLesson?: string;
  /** False once the browser refused to store progress: it lasts for this visit only. */
  progressStored: boolean;
}

/** How often the open lesson's checks are judged while events arrive (they arrive by the thousand). */
const EVALUATE_EVERY_MS = 100;

const changed = new Listeners<void>();
let view: LessonsView = {
  lessons: catalog.lessons,
  fileErrors: catalog.errors,
  panelOpen: false,
  results: [],
  progress: loadProgress(storage()),
  progressStored: true,
};
let run: LessonRun | undefined;
let stopWatching: (() => void) | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

function storage(): Storage | { getItem: () => null; setItem: () => void; removeItem: () => void } {
  try {
    return localStorage;
  } catch {
    return { getItem: () => null, setItem: () => {}, removeItem: () => {} };
  }
}

function update(next: Partial<LessonsView>): void {
  view = { ...view, ...next };
  changed.emit();
}

function setProgress(progress: Progress): void {
  if (progress === view.progress) return;
  update({ progress, progressStored: saveProgress(storage(), progress) });
}

export const subscribeLessons = (fn: () => void): (() => void) => changed.add(fn);
export const lessonsView = (): LessonsView => view;
export const lessonById = (id: string): Lesson | undefined => catalog.lessons.find((l) => l.id === id);

function evaluateNow(): void {
  timer = undefined;
  if (!run) return;
  const results = run.results();
  let progress = view.progress;
  for (const r of results) if (r.status === 'pass') progress = withStepDone(progress, run.lesson.id, r.step.id);
  setProgress(progress);
  const same =
    results.length === view.results.length &&
    results.every((r, i) => {
      const before = view.results[i];
      return (
        r.status === before.status &&
        r.checks.every((c, j) => c.message === before.checks[j]?.message && c.status === before.checks[j]?.status)
      );
    });
  if (!same) update({ results });
}

/**
 * Opens lesson `id` in the panel and starts watching the board for it. Its demo opens too unless `demoOpened`
 * (the page was launched with it); false when there is no such lesson.
 */
export function openLesson(id: string, { demoOpened = false } = {}): boolean {
  const lesson = lessonById(id);
  if (!lesson) {
    update({ panelOpen: true, unknownLesson: id });
    return false;
  }
  closeLesson();
  run = new LessonRun(lesson, boardSnapshot());
  stopWatching = subscribeBoardEvents((e) => {
    run!.observe(e);
    timer ??= setTimeout(evaluateNow, EVALUATE_EVERY_MS);
  });
  update({ lesson, panelOpen: true, unknownLesson: undefined, results: run.results() });
  evaluateNow();
  setLessonInAddress(id);
  if (!demoOpened && lesson.demo && useStore.getState().appName !== lesson.demo) void openDemo(lesson.demo);
  return true;
}

/** Back to the list of lessons; the board is no longer watched. */
export function closeLesson(): void {
  stopWatching?.();
  stopWatching = undefined;
  if (timer) clearTimeout(timer);
  timer = undefined;
  run = undefined;
  if (view.lesson) {
    update({ lesson: undefined, results: [] });
    setLessonInAddress(undefined);
  }
}

export function setLessonsPanelOpen(panelOpen: boolean): void {
  update({ panelOpen });
}

/** A step without automatic checks (or whose checks cannot be read) is done when the learner says so. */
export function markStepDone(lessonId: string, stepId: string): void {
  setProgress(withStepDone(view.progress, lessonId, stepId));
}

/** Forgets the progress of one lesson, or of all; steps that pass now count again at once. */
export function resetProgress(lessonId?: string): void {
  setProgress(withoutProgress(view.progress, lessonId));
  if (run) evaluateNow();
}

// The address names the open lesson, so a reload (or a link a teacher hands out) opens it again.
function setLessonInAddress(id: string | undefined): void {
  const url = new URL(location.href);
  if ((url.searchParams.get('lesson') ?? undefined) === id) return;
  if (id) url.searchParams.set('lesson', id);
  else url.searchParams.delete('lesson');
  history.replaceState(history.state, '', url);
}
