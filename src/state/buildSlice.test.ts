import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from './store';

const initial = useStore.getState();
const outcome = {
  ok: true,
  diagnostics: [],
  summary: { errors: 0, warnings: 0, omitted: 0, errorLimitReached: false },
  ms: 1200,
};

describe('build slice', () => {
  beforeEach(() => useStore.setState(initial, true));

  it('a build of a project that is no longer shown is kept for it, and shown when it is opened', () => {
    useStore.getState().startBuild('button_lcd');
    useStore.getState().setBuildKept('button_lcd', true);
    expect(useStore.getState().runningBuild).toBeUndefined();
    expect(useStore.getState().keptBuilds).toEqual(['button_lcd']);
    expect(useStore.getState().buildPhase).toBe('idle');
    useStore.getState().showProjectBuild('button_lcd', outcome);
    expect(useStore.getState()).toMatchObject({ keptBuilds: [], buildPhase: 'succeeded', buildMs: 1200 });
  });

  it('opening a project without a kept build clears the last one, but not a build still running', () => {
    useStore.getState().startBuild('blinky');
    useStore.getState().setBuildResult({ ...outcome, ok: false });
    useStore.getState().startBuild('blinky');
    useStore.getState().showProjectBuild('anomaly');
    expect(useStore.getState()).toMatchObject({
      buildPhase: 'idle',
      diagnostics: [],
      runningBuild: { project: 'blinky', compiling: false },
    });
  });
});
