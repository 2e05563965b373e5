// A tactile push button: pointer (mouse, touch, pen) and keyboard presses are separate press and release events.
import { useRef } from 'react';
import type { ButtonName } from '../../runtime/Board';
import { firmware } from '../../services/session';

export function BoardButton({ name, hotkey }: { name: ButtonName; hotkey: string }) {
  const held = useRef(false);
  const set = (pressed: boolean) => {
    if (held.current === pressed) return;
    held.current = pressed;
    firmware.button(name, pressed);
  };
  const isKey = (e: React.KeyboardEvent) => e.key === ' ' || e.key === 'Enter';
  return (
    <div className="board-button">
      <button
        type="button"
        data-testid={`button-${name}`}
        aria-label={`${name} (hold key ${hotkey})`}
        className="tact"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          set(true);
        }}
        onPointerUp={() => set(false)}
        onPointerCancel={() => set(false)}
        onKeyDown={(e) => {
          if (isKey(e) && !e.repeat) set(true);
          if (isKey(e)) e.preventDefault();
        }}
        onKeyUp={(e) => isKey(e) && set(false)}
        onBlur={() => set(false)}
      >
        <span className="tact-cap" />
      </button>
      <span className="button-label">
        {name} <kbd>{hotkey}</kbd>
      </span>
    </div>
  );
}
