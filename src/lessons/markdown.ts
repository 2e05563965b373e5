// The Markdown a lesson's text may use, parsed into a small tree the panel renders as React elements (never as
// HTML): paragraphs, ### headings, - and 1. lists, ``` code blocks; `code`, **bold**, *italic* and [links](url).
// Anything else reads as plain text.

export type Inline =
  | { t: 'text'; text: string }
  | { t: 'code'; text: string }
  | { t: 'strong' | 'em'; children: Inline[] }
  | { t: 'link'; href: string; children: Inline[] };

export type Block =
  | { t: 'p'; inline: Inline[] }
  | { t: 'h'; level: 3 | 4; inline: Inline[] }
  | { t: 'ul' | 'ol'; items: Inline[][] }
  | { t: 'pre'; lang: string; text: string };

// Earliest match wins; at one position code beats bold beats italic beats a link.
const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*|\[([^\]]+)\]\(([^)\s]+)\)/;

/** A link the page may follow: the web, or a page beside the app (never javascript: or data:). */
export function safeHref(href: string): string | undefined {
  if (/^https?:\/\//i.test(href) || /^#[\w-]*$/.test(href)) return href;
  if (/^[\w./-]+(#[\w-]*)?$/.test(href) && !href.includes('..')) return href;
  return undefined;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      out.push({ t: 'text', text: rest });
      break;
    }
    if (m.index > 0) out.push({ t: 'text', text: rest.slice(0, m.index) });
    if (m[1] !== undefined) out.push({ t: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ t: 'strong', children: parseInline(m[2]) });
    else if (m[3] !== undefined) out.push({ t: 'em', children: parseInline(m[3]) });
    else {
      const href = safeHref(m[5]);
      const children = parseInline(m[4]);
      out.push(href ? { t: 'link', href, children } : { t: 'text', text: m[4] });
    }
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.split('\n');
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ t: 'p', inline: parseInline(para.join(' ')) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s*```\s*(\S*)\s*$/.exec(line);
    const heading = /^(#{3,4})\s+(.+)$/.exec(line);
    const item = /^\s*(?:([-*])|(\d+)\.)\s+(.*)$/.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) body.push(lines[i]);
      blocks.push({ t: 'pre', lang: fence[1], text: body.join('\n') });
    } else if (heading) {
      flush();
      blocks.push({ t: 'h', level: heading[1].length as 3 | 4, inline: parseInline(heading[2]) });
    } else if (item) {
      flush();
      const kind: 'ul' | 'ol' = item[1] ? 'ul' : 'ol';
      const last = blocks[blocks.length - 1];
      const list: Extract<Block, { items: unknown }> = last?.t === kind ? last : { t: kind, items: [] };
      if (list !== last) blocks.push(list);
      list.items.push(parseInline(item[3]));
    } else if (line.trim() === '') flush();
    else {
      const last = blocks[blocks.length - 1];
      // An indented line right under a list item continues it.
      if (/^\s{2,}\S/.test(line) && !para.length && (last?.t === 'ul' || last?.t === 'ol'))
        last.items[last.items.length - 1].push({ t: 'text', text: ' ' }, ...parseInline(line.trim()));
      else para.push(line.trim());
    }
  }
  flush();
  return blocks;
}
