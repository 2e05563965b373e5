// The lesson text's Markdown subset, as a tree; links the page must not follow become text.
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown';

describe('lesson Markdown', () => {
  it('reads paragraphs, headings, lists and code blocks', () => {
    expect(parseMarkdown('One\nline.\n\n### Head\n- a\n- b\n  more\n1. first\n\n```cpp\nint x;\n```')).toEqual([
      { t: 'p', inline: [{ t: 'text', text: 'One line.' }] },
      { t: 'h', level: 3, inline: [{ t: 'text', text: 'Head' }] },
      {
        t: 'ul',
        items: [
          [{ t: 'text', text: 'a' }],
          [
            { t: 'text', text: 'b' },
            { t: 'text', text: ' ' },
            { t: 'text', text: 'more' },
          ],
        ],
      },
      { t: 'ol', items: [[{ t: 'text', text: 'first' }]] },
      { t: 'pre', lang: 'cpp', text: 'int x;' },
    ]);
  });

  it('reads code, bold, italic and links inline', () => {
    expect(parseInline('Press **Compile & Run** in `main.cpp`, *then* [read](docs/mnist.md#memory).')).toEqual([
      { t: 'text', text: 'Press ' },
      { t: 'strong', children: [{ t: 'text', text: 'Compile & Run' }] },
      { t: 'text', text: ' in ' },
      { t: 'code', text: 'main.cpp' },
      { t: 'text', text: ', ' },
      { t: 'em', children: [{ t: 'text', text: 'then' }] },
      { t: 'text', text: ' ' },
      { t: 'link', href: 'docs/mnist.md#memory', children: [{ t: 'text', text: 'read' }] },
      { t: 'text', text: '.' },
    ]);
    expect(parseInline('`**not bold**`')).toEqual([{ t: 'code', text: '**not bold**' }]);
    expect(parseInline('2 * 3 * 4')).toEqual([{ t: 'text', text: '2 * 3 * 4' }]);
  });

  it('keeps only links to the web, anchors and pages beside the app', () => {
    expect(safeHref('https://os.mbed.com')).toBe('https://os.mbed.com');
    expect(safeHref('#top')).toBe('#top');
    expect(safeHref('docs/anomaly.md')).toBe('docs/anomaly.md');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,x')).toBeUndefined();
    expect(safeHref('../../etc')).toBeUndefined();
    expect(parseInline('[click](javascript:alert(1))')).toEqual([
      { t: 'text', text: 'click' },
      { t: 'text', text: ')' },
    ]);
  });
});
