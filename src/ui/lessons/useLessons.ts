import { useSyncExternalStore } from 'react';
import { lessonsView, subscribeLessons } from '../../services/lessons';

/** The lessons as the page shows them now (changes as the open lesson's checks do: use it in the panel only). */
export const useLessons = () => useSyncExternalStore(subscribeLessons, lessonsView);

/** Whether the panel is open: a view that needs only this re-renders only when it changes. */
export const useLessonsPanelOpen = () => useSyncExternalStore(subscribeLessons, () => lessonsView().panelOpen);
