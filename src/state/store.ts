// The one store, combined from typed slices. Slices hold data and synchronous setters only; services do the I/O.
import { create } from 'zustand';
import { type BoardSlice, createBoardSlice } from './boardSlice';
import { type BuildSlice, createBuildSlice } from './buildSlice';
import { createDeviceSlice, type DeviceSlice } from './deviceSlice';
import { createFleetSlice, type FleetSlice } from './fleetSlice';
import { createLoadSlice, type LoadSlice } from './loadSlice';
import { createModelSlice, type ModelSlice } from './modelSlice';
import { createOfflineSlice, type OfflineSlice } from './offlineSlice';
import { createProjectSlice, type ProjectSlice } from './projectSlice';
import { createShareSlice, type ShareSlice } from './shareSlice';
import { createStreamSlice, type StreamSlice } from './streamSlice';
import { createTargetSlice, type TargetSlice } from './targetSlice';
import { createWorkbenchSlice, type WorkbenchSlice } from './workbenchSlice';

export type AppState = BoardSlice &
  ProjectSlice &
  BuildSlice &
  TargetSlice &
  StreamSlice &
  LoadSlice &
  DeviceSlice &
  WorkbenchSlice &
  FleetSlice &
  OfflineSlice &
  ShareSlice &
  ModelSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createBoardSlice(...a),
  ...createProjectSlice(...a),
  ...createBuildSlice(...a),
  ...createTargetSlice(...a),
  ...createStreamSlice(...a),
  ...createLoadSlice(...a),
  ...createDeviceSlice(...a),
  ...createWorkbenchSlice(...a),
  ...createFleetSlice(...a),
  ...createOfflineSlice(...a),
  ...createShareSlice(...a),
  ...createModelSlice(...a),
}));
