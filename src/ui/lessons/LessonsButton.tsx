// The top bar's Lessons button: opens and closes the lessons panel.
import { forwardRef } from 'react';
import { setLessonsPanelOpen } from '../../services/lessons';
import { useLessonsPanelOpen } from './useLessons';

export const LessonsButton = forwardRef<HTMLButtonElement>(function LessonsButton(_, ref) {
  const panelOpen = useLessonsPanelOpen();
  return (
    <button
      ref={ref}
      type="button"
      className={`lessons-toggle${panelOpen ? ' active' : ''}`}
      data-testid="lessons-toggle"
      aria-expanded={panelOpen}
      aria-controls="lessons-panel"
      onClick={() => setLessonsPanelOpen(!panelOpen)}
    >
      Lessons
    </button>
  );
});
