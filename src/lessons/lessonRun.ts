// The check engine: watches the board's events for one lesson and says, per step, whether it passes now. A step
// with checks passes when all of them pass at once; a step without checks is done when the learner says so.
import type { BoardEvent } from '../services/boardEvents';
import { evaluate, type CheckResult, type Verdict } from './evaluate';
import type { Lesson, LessonStep } from './lessonFile';
import { observationsFrom, observe, type BoardNow, type Observations } from './observations';

export type StepStatus = Verdict | 'manual' | 'invalid';

export interface StepResult {
  step: LessonStep;
  status: StepStatus;
  checks: (CheckResult & { line: string })[];
}

/** Checks that look at the page rather than the firmware, and so hold whichever demo is open. */
const PAGE_CHECKS = new Set(['pace', 'state']);

export class LessonRun {
  private readonly o: Observations;

  constructor(
    readonly lesson: Lesson,
    now: BoardNow,
  ) {
    this.o = observationsFrom(now);
  }

  observe(event: BoardEvent): void {
    observe(this.o, event);
  }

  /** Each step's verdict on what the board did so far. */
  results(): StepResult[] {
    const wrongDemo = this.lesson.demo !== undefined && this.o.demo !== this.lesson.demo;
    return this.lesson.steps.map((step) => {
      const checks = step.checks.map((check) => ({
        line: check.line,
        ...(wrongDemo && !PAGE_CHECKS.has(check.kind)
          ? {
              status: 'pending' as const,
              message:
                this.o.demo === undefined
                  ? 'waiting for the board to start'
                  : `open the ${this.lesson.demo} demo: this lesson watches it`,
            }
          : evaluate(check, this.o)),
      }));
      return { step, status: stepStatus(step, checks), checks };
    });
  }
}

function stepStatus(step: LessonStep, checks: CheckResult[]): StepStatus {
  if (step.errors.length > 0) return 'invalid';
  if (checks.length === 0) return 'manual';
  if (checks.every((c) => c.status === 'pass')) return 'pass';
  return checks.some((c) => c.status === 'fail') ? 'fail' : 'pending';
}
