// The virtual dev board: LEDs, the C12832 LCD, two user buttons, and the fault and load-failure overlays.
import { useEffect } from 'react';
import { BUTTON_NAMES, LED_NAMES } from '../../runtime/Board';
import { firmware } from '../../services/session';
import { BoardButton } from './BoardButton';
import { HardFaultPanel } from './HardFaultPanel';
import { LcdDisplay } from './LcdDisplay';
import { Led } from './Led';
import { OpenFailurePanel } from './OpenFailurePanel';

const HOTKEYS = { BUTTON1: '1', BUTTON2: '2' } as const;

// Inputs in which 1 and 2 are text; sliders, checkboxes, selects and buttons leave the keys to the board.
const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'url', 'password', 'tel']);

/** True where a typed 1 or 2 is text: a text field, the code editor, or the serial console (which sends it on). */
function isTextEntry(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t instanceof HTMLTextAreaElement || t.closest('.monaco-editor, .terminal')) return true;
  return t instanceof HTMLInputElement && TEXT_INPUTS.has(t.type);
}

/** Keys 1 and 2 hold the buttons while focus is not where they are text. */
function useButtonHotkeys() {
  useEffect(() => {
    const handler = (pressed: boolean) => (e: KeyboardEvent) => {
      const name = BUTTON_NAMES.find((n) => HOTKEYS[n] === e.key);
      if (!name || e.repeat || isTextEntry(e.target)) return;
      firmware.button(name, pressed);
    };
    const down = handler(true);
    const up = handler(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);
}

export function BoardPanel() {
  useButtonHotkeys();
  return (
    <section className="board" aria-label="Virtual board">
      <div className="board-silk">tinyml-sim · Cortex-M dev board</div>
      <div className="board-leds">
        {LED_NAMES.map((n) => (
          <Led key={n} name={n} />
        ))}
      </div>
      <LcdDisplay />
      <div className="board-buttons">
        {BUTTON_NAMES.map((n) => (
          <BoardButton key={n} name={n} hotkey={HOTKEYS[n]} />
        ))}
      </div>
      <HardFaultPanel />
      <OpenFailurePanel />
    </section>
  );
}
