import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from './store';

const initial = useStore.getState();

describe('store', () => {
  beforeEach(() => useStore.setState(initial, true));

  it('opens a project on its main file and tracks edits', () => {
    const s = useStore.getState();
    const shipped = { 'util.h': '', 'main.cpp': 'int main() {}' };
    s.openProject('blinky', shipped, shipped);
    expect(useStore.getState().activeFile).toBe('main.cpp');
    expect(useStore.getState().editFile('main.cpp', 'int main() { return 1; }')).toBe(true);
    expect(useStore.getState().edited).toBe(true);
    expect(useStore.getState().files['main.cpp']).toContain('return 1');
    // Typing the original text back is no longer an edit.
    useStore.getState().editFile('main.cpp', 'int main() {}');
    expect(useStore.getState().edited).toBe(false);
  });

  it('setting a file to the text it holds (an editor swapping models) is not an edit', () => {
    const blinky = { 'main.cpp': 'blink' };
    const mnist = { 'main.cpp': 'digits', 'model.h': 'w' };
    useStore.getState().openProject('blinky', blinky, blinky);
    useStore.getState().openProject('mnist', mnist, mnist);
    expect(useStore.getState().editFile('main.cpp', 'digits')).toBe(false);
    expect(useStore.getState().edited).toBe(false);
  });

  it('a saved version that differs from the shipped one opens as edited', () => {
    useStore.getState().openProject('blinky', { 'main.cpp': 'mine' }, { 'main.cpp': 'blink' });
    expect(useStore.getState().edited).toBe(true);
  });

  it('loading a firmware clears the previous run', () => {
    const s = useStore.getState();
    s.setRunInfo({ status: 'faulted', simTimeUs: 5, speed: 1, fault: { kind: 'trap', message: 'x' } });
    s.setLeds({ LED1: true, LED2: false, LED3: false, LED4: false });
    useStore.getState().setStatus('loading');
    const after = useStore.getState();
    expect([after.status, after.fault, after.simTimeUs, after.leds.LED1]).toEqual(['loading', undefined, 0, false]);
  });

  it('an update from the worker ends "busy"; a pending pause lasts until the board stops running', () => {
    const s = useStore.getState();
    s.setBusy(true);
    s.setPausePending(true);
    s.setRunInfo({ status: 'running', simTimeUs: 5, speed: 1 });
    expect([useStore.getState().busy, useStore.getState().pausePending]).toEqual([false, true]);
    s.setRunInfo({ status: 'paused', simTimeUs: 6, speed: 0 });
    expect(useStore.getState().pausePending).toBe(false);
  });
});
