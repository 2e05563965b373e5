// The short introduction a first visit opens on: what this is, the demos in a line each, where the docs are.
// Dismissed once, it stays closed in this browser; the "?" in the top bar opens it again.
import { useEffect, useRef } from 'react';
import { openDemo } from '../../services/session';
import { useStore } from '../../state/store';
import { selectApps } from '../../state/selectors';
import { docsUrl } from './docsUrl';

const DOCS = [
  { page: 'architecture.md', title: 'How it works: virtual time, the ABI, the in-browser build' },
  { page: 'mnist.md', title: 'The MNIST demo and its memory figures' },
  { page: 'cycle-model.md', title: 'Estimated latency on real Cortex-M boards' },
  { page: 'anomaly.md', title: 'The anomaly detector and its 95% interval' },
];

export function Intro({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const apps = useStore(selectApps);
  // Modal: focus moves into the dialog (onto Start) and Esc closes it.
  useEffect(() => {
    if (!dialog.current!.open) dialog.current!.showModal();
    start.current!.focus();
  }, []);
  return (
    <dialog ref={dialog} className="intro" data-testid="intro" aria-labelledby="intro-title" onClose={onClose}>
      <h2 id="intro-title">A microcontroller in your browser tab</h2>
      <p>
        tinyml-sim runs C++ firmware written against an Mbed-OS-style API on a virtual board with an LCD, buttons, LEDs
        and a serial console. The firmware is WebAssembly running on virtual time; open <strong>Firmware source</strong>
        , edit it and press <strong>Compile & Run</strong> to see your change in seconds — the compiler runs in this
        page. Latency on real Cortex-M boards is estimated from a cycle model, not measured.
      </p>
      <h3>Demos</h3>
      <ul className="intro-demos">
        {apps.map((a) => (
          <li key={a.name}>
            <button
              type="button"
              data-testid={`intro-demo-${a.name}`}
              onClick={() => {
                void openDemo(a.name);
                dialog.current!.close();
              }}
            >
              {a.title}
            </button>{' '}
            <span>{a.description}</span>
          </li>
        ))}
      </ul>
      <h3>Docs</h3>
      <ul className="intro-docs">
        {DOCS.map((d) => (
          <li key={d.page}>
            <a href={docsUrl(d.page)} target="_blank" rel="noreferrer">
              {d.title}
            </a>
          </li>
        ))}
      </ul>
      <form method="dialog">
        <button ref={start} type="submit" className="primary" data-testid="intro-close">
          Start
        </button>
      </form>
    </dialog>
  );
}
