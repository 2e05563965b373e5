import { describe, expect, it } from 'vitest';
import { SimTouchScreen } from './SimTouchScreen';

describe('SimTouchScreen', () => {
  it('reports a stroke as press, moves and a release at the last point, clamped to the panel', () => {
    const t = new SimTouchScreen();
    const seen: string[] = [];
    t.addListener((s) => seen.push(`${s.down ? 'D' : 'U'}${s.x},${s.y}`));
    t.move(5, 5); // hovering is not touching
    t.press(10.4, 20);
    t.move(300, -4);
    t.release();
    t.release();
    expect(seen).toEqual(['D10,20', 'D239,0', 'U239,0']);
  });

  it('refuses NaN coordinates by name', () => {
    expect(() => new SimTouchScreen().press(NaN, 1)).toThrow(/SimTouchScreen/);
  });
});
