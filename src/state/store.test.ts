import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from './store';

const initial = useStore.getState();

describe('store', () => {
  beforeEach(() => useStore.setState(initial, true));

  it('opens a project on its main file and tracks edits', () => {
    const s = useStore.getState();
    s.openProject('blinky', { 'util.h': '', 'main.cpp': 'int main() {}' }, false);
    expect(useStore.getState().activeFile).toBe('main.cpp');
    useStore.getState().editFile('main.cpp', 'int main() { return 1; }');
    expect(useStore.getState().edited).toBe(true);
    expect(useStore.getState().files['main.cpp']).toContain('return 1');
  });

  it('loading a firmware clears the previous run', () => {
    const s = useStore.getState();
    s.setRunInfo({ status: 'faulted', simTimeUs: 5, speed: 1, fault: { kind: 'trap', message: 'x' } });
    s.setLeds({ LED1: true, LED2: false, LED3: false, LED4: false });
    useStore.getState().setStatus('loading');
    const after = useStore.getState();
    expect([after.status, after.fault, after.simTimeUs, after.leds.LED1]).toEqual(['loading', undefined, 0, false]);
  });
});
