// A lesson's Markdown as React elements (src/lessons/markdown.ts parses it; nothing is set as HTML). Links to
// `docs/…` open the docs served beside the app.
import { Fragment, useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Inline } from '../../lessons/markdown';
import { docsUrl } from '../help/docsUrl';

function href(target: string): string {
  return target.startsWith('docs/') ? docsUrl(target.slice('docs/'.length)) : target;
}

function inline(nodes: Inline[]): ReactNode {
  return nodes.map((n, i) => {
    switch (n.t) {
      case 'text':
        return <Fragment key={i}>{n.text}</Fragment>;
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'strong':
        return <strong key={i}>{inline(n.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(n.children)}</em>;
      case 'link':
        return (
          <a key={i} href={href(n.href)} target="_blank" rel="noreferrer">
            {inline(n.children)}
          </a>
        );
    }
  });
}

export function Markdown({ source }: { source: string }) {
  // The panel re-renders as checks change (every 100 ms in fast-forward); the text does not.
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <>
      {blocks.map((b, i) => {
        switch (b.t) {
          case 'p':
            return <p key={i}>{inline(b.inline)}</p>;
          case 'h':
            return b.level === 3 ? <h4 key={i}>{inline(b.inline)}</h4> : <h5 key={i}>{inline(b.inline)}</h5>;
          case 'ul':
          case 'ol': {
            const List = b.t;
            return (
              <List key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>{inline(item)}</li>
                ))}
              </List>
            );
          }
          case 'pre':
            return (
              <pre key={i}>
                <code>{b.text}</code>
              </pre>
            );
        }
      })}
    </>
  );
}
