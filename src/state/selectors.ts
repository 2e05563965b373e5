// Named selectors, so components subscribe to exactly what they draw.
import type { AppState } from './store';

export const selectLeds = (s: AppState) => s.leds;
export const selectStatus = (s: AppState) => s.status;
export const selectFault = (s: AppState) => s.fault;
export const selectSimTimeUs = (s: AppState) => s.simTimeUs;
export const selectSpeed = (s: AppState) => s.speed;
export const selectPace = (s: AppState) => s.pace;
export const selectBusy = (s: AppState) => s.busy;
export const selectPausePending = (s: AppState) => s.pausePending;
export const selectApps = (s: AppState) => s.apps;
export const selectAppName = (s: AppState) => s.appName;
export const selectFiles = (s: AppState) => s.files;
export const selectActiveFile = (s: AppState) => s.activeFile;
export const selectEdited = (s: AppState) => s.edited;
export const selectBuildPhase = (s: AppState) => s.buildPhase;
export const selectRunningBuild = (s: AppState) => s.runningBuild;
export const selectKeptBuilds = (s: AppState) => s.keptBuilds;
export const selectDiagnosticSummary = (s: AppState) => s.diagnosticSummary;
export const selectDiagnostics = (s: AppState) => s.diagnostics;
export const selectBuildMs = (s: AppState) => s.buildMs;
export const selectLoadError = (s: AppState) => s.loadError;
export const selectOpenFailure = (s: AppState) => s.openFailure;
export const selectIsHalted = (s: AppState) =>
  s.status === 'faulted' || s.status === 'exited' || s.status === 'stopped';
export const selectTargetBoardId = (s: AppState) => s.targetBoardId;
export const selectKernel = (s: AppState) => s.kernel;
export const selectFirmwareCodeBytes = (s: AppState) => s.firmwareCodeBytes;
export const selectStreamKind = (s: AppState) => s.streamKind;
export const selectSliderC = (s: AppState) => s.sliderC;
export const selectCsvName = (s: AppState) => s.csvName;
export const selectCsvRows = (s: AppState) => s.csvRows;
export const selectCsvMessages = (s: AppState) => s.csvMessages;
export const selectCsvRejected = (s: AppState) => s.csvRejected;
export const selectCsvLoading = (s: AppState) => s.csvLoading;
export const selectConflict = (s: AppState) => s.conflict;
export const selectSaveProblem = (s: AppState) => s.saveProblem;
export const selectTrainForm = (s: AppState) => s.trainForm;
export const selectTrainPhase = (s: AppState) => s.trainPhase;
export const selectTrainMessage = (s: AppState) => s.trainMessage;
export const selectTrainProgress = (s: AppState) => s.trainProgress;
export const selectTrainCurve = (s: AppState) => s.trainCurve;
export const selectValidationCurve = (s: AppState) => s.validationCurve;
export const selectTrainReport = (s: AppState) => s.trainReport;
export const selectTrainedModel = (s: AppState) => s.trainedModel;
export const selectDataset = (s: AppState) => s.dataset;
export const selectTraining = (s: AppState) =>
  s.trainPhase === 'loading' || s.trainPhase === 'training' || s.trainPhase === 'quantizing';
