import { useSyncExternalStore } from 'react';
import { lessonsView, subscribeLessons } from '../../services/lessons';

/** The lessons as the page shows them now. */
export const useLessons = () => useSyncExternalStore(subscribeLessons, lessonsView);
