// The lessons shipped in src/lessons/content: every file reads as a lesson, every check parses, every lesson opens
// a demo that exists, and the seven workshop topics are there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLessons } from './lessonFile';

const DIR = join(__dirname, 'content');
const files = Object.fromEntries(
  readdirSync(DIR)
    .filter((f) => f.endsWith('.md'))
    .map((f) => [f, readFileSync(join(DIR, f), 'utf8')]),
);
const { lessons, errors } = parseLessons(files);

describe('shipped lessons', () => {
  it('all read, with every check', () => {
    expect(errors).toEqual([]);
    for (const l of lessons) for (const s of l.steps) expect(s.errors, `${l.file} ${s.title}`).toEqual([]);
  });

  it('cover the workshop topics, in order, each on a demo that exists', () => {
    const workshop = [
      'blinky-virtual-time',
      'buttons-interrupts',
      'the-lcd',
      'draw-and-classify',
      'memory-budget',
      'anomaly-interval',
      'retrain-deploy',
    ];
    // A teacher's own lessons may come anywhere in between.
    expect(lessons.map((l) => l.id).filter((id) => workshop.includes(id))).toEqual(workshop);
    for (const l of lessons) {
      expect(l.demo && existsSync(join(__dirname, '../../wasm/apps', l.demo, 'main.cpp')), l.id).toBe(true);
      expect(`${l.id}.md` in files, `${l.id} is in ${l.id}.md`).toBe(true);
    }
  });

  it('check most steps automatically', () => {
    const steps = lessons.flatMap((l) => l.steps);
    const checked = steps.filter((s) => s.checks.length > 0);
    expect(checked.length / steps.length).toBeGreaterThan(0.75);
  });
});
