// A small "?" beside a figure: hovering shows what the figure means, clicking (or Enter) pins the explanation open,
// with a link to the docs section that has the details.
import { useId, useState } from 'react';
import { docsUrl } from './docsUrl';

export function Explain({ id, children, doc, section, label }: { id: string; children: React.ReactNode; doc: string; section: string; label: string }) {
  const [open, setOpen] = useState(false);
  const bubble = useId();
  return (
    <span className={`explain ${open ? 'open' : ''}`}>
      <button type="button" className="explain-toggle" data-testid={`explain-${id}`} aria-expanded={open} aria-controls={bubble} aria-label={`What is ${label}?`} onClick={() => setOpen((o) => !o)}>
        ?
      </button>
      <span id={bubble} role="note" className="explain-bubble" data-testid={`explain-${id}-text`}>
        {children}{' '}
        <a href={docsUrl(doc, section)} target="_blank" rel="noreferrer">
          More in the docs
        </a>
      </span>
    </span>
  );
}
