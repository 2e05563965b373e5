// A small "?" beside a figure: hovering or focusing it shows what the figure means, clicking pins the explanation
// open, with a link to the docs section that has the details.
import { useId, useRef, useState } from 'react';
import { docsUrl } from './docsUrl';

const MARGIN = 8;
const WIDTH = 300;

export function Explain({
  id,
  children,
  doc,
  section,
  label,
}: {
  id: string;
  children: React.ReactNode;
  doc: string;
  section: string;
  label: string;
}) {
  const [open, setOpen] = useState(false);
  const [offset, setOffset] = useState(0);
  const toggle = useRef<HTMLButtonElement>(null);
  const bubble = useId();
  // Centre the bubble under the "?" but keep it inside the viewport, wherever the "?" sits.
  const place = () => {
    const r = toggle.current!.getBoundingClientRect();
    const width = Math.min(WIDTH, innerWidth - 2 * MARGIN);
    const left = Math.min(Math.max(r.left + r.width / 2 - width / 2, MARGIN), innerWidth - MARGIN - width);
    setOffset(left - r.left);
  };
  return (
    <span className={`explain ${open ? 'open' : ''}`} onMouseEnter={place}>
      <button
        ref={toggle}
        type="button"
        className="explain-toggle"
        data-testid={`explain-${id}`}
        aria-expanded={open}
        aria-controls={bubble}
        aria-label={`What is ${label}?`}
        onFocus={place}
        onClick={() => {
          place();
          setOpen((o) => !o);
        }}
      >
        ?
      </button>
      <span
        id={bubble}
        role="note"
        className="explain-bubble"
        data-testid={`explain-${id}-text`}
        style={{ left: offset, width: `min(${WIDTH}px, calc(100vw - ${2 * MARGIN}px))` }}
      >
        {children}{' '}
        <a href={docsUrl(doc, section)} target="_blank" rel="noreferrer">
          More in the docs
        </a>
      </span>
    </span>
  );
}
