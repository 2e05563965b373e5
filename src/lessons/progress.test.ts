// Progress in the browser's storage: kept by lesson and step, read back after a reload, unreadable data reads as
// none, a refusing storage is reported.
import { describe, expect, it } from 'vitest';
import {
  loadProgress,
  PROGRESS_KEY,
  saveProgress,
  withoutProgress,
  withStepDone,
  type KeyValueStore,
} from './progress';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('lesson progress', () => {
  it('survives a save and a load', () => {
    const store = memoryStore();
    let p = withStepDone({}, 'blinky', 'watch');
    p = withStepDone(p, 'blinky', 'edit');
    p = withStepDone(p, 'lcd', 'title');
    expect(saveProgress(store, p)).toBe(true);
    expect(loadProgress(store)).toEqual({ blinky: ['watch', 'edit'], lcd: ['title'] });
    expect(JSON.parse(store.data.get(PROGRESS_KEY)!)).toEqual({ v: 1, done: p });
  });

  it('marks a step done once', () => {
    const p = withStepDone({}, 'a', 's');
    expect(withStepDone(p, 'a', 's')).toBe(p);
  });

  it('resets one lesson or all', () => {
    const p = { a: ['1'], b: ['2'] };
    expect(withoutProgress(p, 'a')).toEqual({ b: ['2'] });
    expect(withoutProgress(p)).toEqual({});
  });

  it('reads corrupt or foreign data as no progress', () => {
    const store = memoryStore();
    for (const raw of ['{', 'null', '[]', '{"v":2,"done":{}}', '{"v":1}', '{"v":1,"done":7}']) {
      store.data.set(PROGRESS_KEY, raw);
      expect(loadProgress(store)).toEqual({});
    }
    store.data.set(PROGRESS_KEY, '{"v":1,"done":{"a":["x",3,null],"b":"y"}}');
    expect(loadProgress(store)).toEqual({ a: ['x'] });
  });

  it('reports a storage that refuses', () => {
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(loadProgress(refusing)).toEqual({});
    expect(saveProgress(refusing, { a: ['1'] })).toBe(false);
  });
});
