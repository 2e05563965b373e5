// The lessons panel: the list of lessons, or one lesson's steps with what their checks see on the board now.
import { useEffect, useRef, useState } from 'react';
import type { Lesson } from '../../lessons/lessonFile';
import type { StepResult, StepStatus } from '../../lessons/lessonRun';
import {
  closeLesson,
  markStepDone,
  openLesson,
  resetProgress,
  setLessonsPanelOpen,
  type LessonsView,
} from '../../services/lessons';
import { openDemo } from '../../services/session';
import { useStore } from '../../state/store';
import { selectAppName, selectApps } from '../../state/selectors';
import { Markdown } from './Markdown';
import { useLessons } from './useLessons';

const STATUS_TEXT: Record<StepStatus | 'done', string> = {
  done: 'Done',
  pass: 'Passing',
  fail: 'Not yet',
  pending: 'Waiting',
  manual: 'To do',
  invalid: 'Check error',
};

function ResetProgress({ lesson }: { lesson?: Lesson }) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current!.focus();
  }, [asking]);
  if (!asking)
    return (
      <button type="button" data-testid="lessons-reset" onClick={() => setAsking(true)}>
        {lesson ? 'Reset progress' : 'Reset all progress'}
      </button>
    );
  return (
    <span className="lessons-confirm" role="group" aria-label="Reset progress?">
      {lesson ? `Forget your progress in “${lesson.title}”?` : 'Forget your progress in every lesson?'}
      <button
        ref={yes}
        type="button"
        data-testid="lessons-reset-confirm"
        onClick={() => {
          resetProgress(lesson?.id);
          setAsking(false);
        }}
      >
        Reset
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Keep
      </button>
    </span>
  );
}

function Step({
  result,
  lesson,
  done,
  current,
}: {
  result: StepResult;
  lesson: Lesson;
  done: boolean;
  current: boolean;
}) {
  const { step, status, checks } = result;
  const shown = done ? 'done' : status;
  return (
    <li
      className={`lesson-step status-${shown}${current ? ' current' : ''}`}
      data-testid="lesson-step"
      data-step={step.id}
      data-done={done}
      data-status={status}
      aria-current={current ? 'step' : undefined}
    >
      <div className="lesson-step-head">
        <h3>{step.title}</h3>
        <span className="lesson-badge">{STATUS_TEXT[shown]}</span>
      </div>
      {step.text && <Markdown source={step.text} />}
      {step.errors.map((e) => (
        <p key={e} className="lesson-error">
          This step’s check cannot be read ({lesson.file}, {e}).
        </p>
      ))}
      {checks.length > 0 && (
        <ul className="lesson-checks" aria-label="Checks">
          {checks.map((c, i) => (
            <li key={i} data-status={c.status}>
              <code>{c.line}</code>
              <span>{c.message}</span>
            </li>
          ))}
        </ul>
      )}
      {!done && (status === 'manual' || status === 'invalid') && (
        <button type="button" data-testid="lesson-step-done" onClick={() => markStepDone(lesson.id, step.id)}>
          Mark as done
        </button>
      )}
    </li>
  );
}

function LessonSteps({ view, lesson }: { view: LessonsView; lesson: Lesson }) {
  const apps = useStore(selectApps);
  const appName = useStore(selectAppName);
  const done = new Set(view.progress[lesson.id] ?? []);
  const doneCount = lesson.steps.filter((s) => done.has(s.id)).length;
  const current = lesson.steps.find((s) => !done.has(s.id))?.id;
  const demoTitle = apps.find((a) => a.name === lesson.demo)?.title ?? lesson.demo;
  return (
    <>
      <p
        className="lesson-progress"
        data-testid="lesson-progress"
        data-done={doneCount}
        data-total={lesson.steps.length}
        aria-live="polite"
      >
        {doneCount === lesson.steps.length
          ? `All ${lesson.steps.length} steps done.`
          : `${doneCount} of ${lesson.steps.length} steps done`}
      </p>
      {lesson.demo && appName !== undefined && appName !== lesson.demo && (
        <p className="lesson-note">
          This lesson watches the {demoTitle} demo.{' '}
          <button type="button" onClick={() => void openDemo(lesson.demo!)}>
            Open {demoTitle}
          </button>
        </p>
      )}
      {lesson.intro && (
        <div className="lesson-intro">
          <Markdown source={lesson.intro} />
        </div>
      )}
      <ol className="lesson-steps">
        {view.results.map((r) => (
          <Step key={r.step.id} result={r} lesson={lesson} done={done.has(r.step.id)} current={r.step.id === current} />
        ))}
      </ol>
      <div className="lessons-foot">
        <ResetProgress lesson={lesson} />
      </div>
    </>
  );
}

function LessonList({ view }: { view: LessonsView }) {
  return (
    <>
      {view.unknownLesson && (
        <p className="lesson-error" role="alert">
          There is no lesson “{view.unknownLesson}”. Pick one below.
        </p>
      )}
      <ul className="lesson-list">
        {view.lessons.map((l) => {
          const done = (view.progress[l.id] ?? []).filter((id) => l.steps.some((s) => s.id === id)).length;
          return (
            <li key={l.id}>
              <button type="button" data-testid={`lesson-open-${l.id}`} onClick={() => openLesson(l.id)}>
                <span className="lesson-list-title">{l.title}</span>
                {l.summary && <span className="lesson-list-summary">{l.summary}</span>}
                <span className="lesson-list-done">
                  {done} of {l.steps.length} steps done
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {view.fileErrors.map((e) => (
        <p key={e.file} className="lesson-error">
          The lesson file {e.file} cannot be read: {e.error}
        </p>
      ))}
      <div className="lessons-foot">
        <ResetProgress />
      </div>
    </>
  );
}

/** The panel, shown while open; `onClose` runs after it closed by its own × or Esc (to move the focus back). */
export function LessonsPanel({ onClose }: { onClose: () => void }) {
  const view = useLessons();
  const heading = useRef<HTMLHeadingElement>(null);
  const lesson = view.lesson;
  // Opening the panel, a lesson, or the list moves the focus to its heading, so keyboard users start there.
  useEffect(() => {
    if (view.panelOpen) heading.current?.focus();
  }, [view.panelOpen, lesson?.id]);
  if (!view.panelOpen) return null;
  const close = () => {
    setLessonsPanelOpen(false);
    onClose();
  };
  return (
    <aside
      id="lessons-panel"
      className="lessons-panel"
      data-testid="lessons"
      aria-labelledby="lessons-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <div className="lessons-head">
        {lesson && (
          <button type="button" data-testid="lessons-back" onClick={closeLesson}>
            ← All lessons
          </button>
        )}
        <h2 id="lessons-title" ref={heading} tabIndex={-1}>
          {lesson ? lesson.title : 'Lessons'}
        </h2>
        <button
          type="button"
          className="lessons-close"
          data-testid="lessons-close"
          aria-label="Close lessons"
          onClick={close}
        >
          ×
        </button>
      </div>
      {!view.progressStored && (
        <p className="lesson-error" role="status">
          This browser refused to store your progress: it lasts until you leave the page.
        </p>
      )}
      {lesson ? <LessonSteps view={view} lesson={lesson} /> : <LessonList view={view} />}
    </aside>
  );
}
