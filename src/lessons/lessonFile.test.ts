// Lesson files: front matter, introduction and steps; a file that cannot be a lesson says why, a bad check line
// stays with its step.
import { describe, expect, it } from 'vitest';
import { parseLesson, parseLessons, MAX_LESSON_CHARS } from './lessonFile';

const FILE = `---
id: blinky-virtual-time
title: "Blinky and virtual time"
demo: blinky
order: 2
summary: Blink.
---
Intro with \`code\`.

## Watch LED1

Look at it.

\`\`\`check
# a comment
led LED1 toggles every 500ms

build succeeded
\`\`\`

## Edit it

\`\`\`cpp
#define BLINKING_RATE 250ms
\`\`\`

## Edit it
Again.
`;

const error = (source: string) => {
  const r = parseLesson(source, 'x.md');
  if (r.ok) throw new Error('parsed');
  return r.error;
};

describe('lesson files', () => {
  it('read front matter, introduction, steps and their checks', () => {
    const r = parseLesson(FILE, 'blinky.md');
    if (!r.ok) throw new Error(r.error);
    const { lesson } = r;
    expect(lesson).toMatchObject({
      id: 'blinky-virtual-time',
      title: 'Blinky and virtual time',
      demo: 'blinky',
      order: 2,
      summary: 'Blink.',
      file: 'blinky.md',
      intro: 'Intro with `code`.',
    });
    expect(lesson.steps.map((s) => s.id)).toEqual(['watch-led1', 'edit-it', 'edit-it-2']);
    expect(lesson.steps[0].text).toBe('Look at it.');
    expect(lesson.steps[0].checks.map((c) => c.kind)).toEqual(['led-period', 'build']);
    // Other code blocks are text, and a # inside them is not a heading or a comment.
    expect(lesson.steps[1].text).toBe('```cpp\n#define BLINKING_RATE 250ms\n```');
    expect(lesson.steps[1].checks).toEqual([]);
  });

  it('keep a bad check line with its step, with its line in the file', () => {
    const r = parseLesson('---\nid: a\ntitle: A\n---\n## One\n```check\nled LED1 is on\nled LED7 is on\n```\n', 'a.md');
    if (!r.ok) throw new Error(r.error);
    expect(r.lesson.steps[0].checks).toHaveLength(1);
    expect(r.lesson.steps[0].errors).toEqual(['line 8: unknown LED "LED7" (the board has LED1, LED2, LED3, LED4)']);
  });

  it('say why a file is not a lesson', () => {
    expect(error('# Title\n')).toBe('line 1: a lesson starts with front matter: a line "---"');
    expect(error('---\nid: a\n')).toBe('the front matter has no closing "---" line');
    expect(error('---\nid: a\ntitle: A\ntittle: B\n---\n## S\n')).toBe(
      'line 4: unknown front-matter key "tittle" (known: id, title, demo, order, summary)',
    );
    expect(error('---\nid: a\nid: b\ntitle: A\n---\n## S\n')).toBe('line 3: "id" is given twice');
    expect(error('---\njust words\n---\n')).toBe('line 2: expected "key: value", got "just words"');
    expect(error('---\nid: Not An Id\ntitle: A\n---\n## S\n')).toMatch(/"id" is required, in lower case/);
    expect(error('---\nid: a\n---\n## S\n')).toBe('front matter: "title" is required');
    expect(error('---\nid: a\ntitle: A\norder: first\n---\n## S\n')).toMatch(/"order" must be a number/);
    expect(error('---\nid: a\ntitle: A\n---\nNo steps here.\n')).toMatch(/the lesson has no steps/);
    expect(error('---\nid: a\ntitle: A\n---\n```check\nbuild succeeded\n```\n## S\n')).toBe(
      'line 5: a check block belongs in a step (## heading)',
    );
    expect(error('---\nid: a\ntitle: A\n---\n## S\n```check\nbuild succeeded\n')).toBe(
      'line 6: this code block is never closed with ```',
    );
    expect(error('x'.repeat(MAX_LESSON_CHARS + 1))).toMatch(/at most 100000 are read/);
  });

  it('read Windows line ends', () => {
    const r = parseLesson(FILE.replace(/\n/g, '\r\n'), 'crlf.md');
    expect(r.ok && r.lesson.steps[0].checks).toHaveLength(2);
  });

  it('order a set of lessons and refuse a second lesson with the same id', () => {
    const one = (id: string, order: number, title = id) =>
      `---\nid: ${id}\ntitle: ${title}\norder: ${order}\n---\n## S\n`;
    const { lessons, errors } = parseLessons({
      'b.md': one('b', 2),
      'a.md': one('a', 5),
      'c.md': one('b', 1),
      'd.md': 'not a lesson',
    });
    expect(lessons.map((l) => l.id)).toEqual(['b', 'a']);
    expect(errors).toEqual([
      { file: 'c.md', error: 'the id "b" is already used by another lesson' },
      { file: 'd.md', error: 'line 1: a lesson starts with front matter: a line "---"' },
    ]);
  });
});
