import { describe, expect, it } from 'vitest';
import { SimButton } from './SimButton';

describe('SimButton', () => {
  it('is active-low: a press reads 0 and is a falling edge', () => {
    const b = new SimButton('BUTTON1');
    const edges: string[] = [];
    b.addEdgeListener((e) => edges.push(e));
    expect(b.level).toBe(1);
    b.press();
    expect(b.level).toBe(0);
    b.press(); // holding is not a new edge
    b.release();
    expect(edges).toEqual(['fall', 'rise']);
    expect(b.level).toBe(1);
  });
});
