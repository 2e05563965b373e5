// The board's 240x240 touch panel for the model runner: pointer strokes go to the firmware as touch samples, and
// the page shows them with the firmware's round brush (radius 9, wasm/apps/model_runner/ink_canvas.h). "Run"
// presses BUTTON1 (the firmware resizes its canvas to the model's input and runs it), "Clear" BUTTON2.
import { useRef } from 'react';
import type { ButtonName } from '../../../runtime';
import { firmware } from '../../../services/session';

const SIZE = 240;
const BRUSH_RADIUS = 9;

function press(button: ButtonName): void {
  firmware.button(button, true);
  firmware.button(button, false);
}

export function InkPad() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);

  const toPanel = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const at = (v: number) => Math.min(SIZE - 1, Math.max(0, Math.round(v * SIZE)));
    return { x: at((e.clientX - r.left) / r.width), y: at((e.clientY - r.top) / r.height) };
  };
  const ink = (p: { x: number; y: number }) => {
    const ctx = canvas.current!.getContext('2d')!;
    const from = last.current ?? p;
    ctx.strokeStyle = '#f5f7fa';
    ctx.lineWidth = 2 * BRUSH_RADIUS + 1;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x + 0.5, from.y + 0.5);
    ctx.lineTo(p.x + 0.5, p.y + 0.5);
    ctx.stroke();
    last.current = p;
  };
  const clear = () => {
    canvas.current!.getContext('2d')!.clearRect(0, 0, SIZE, SIZE);
    press('BUTTON2');
  };
  const end = () => {
    if (!last.current) return;
    last.current = null;
    firmware.touch('release', 0, 0);
  };

  return (
    <div className="runner-pad">
      <canvas
        ref={canvas}
        className="runner-canvas"
        data-testid="runner-canvas"
        width={SIZE}
        height={SIZE}
        aria-label="Touch screen: draw the model's input"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const p = toPanel(e);
          last.current = null;
          ink(p);
          firmware.touch('press', p.x, p.y);
        }}
        onPointerMove={(e) => {
          if (!last.current) return;
          const p = toPanel(e);
          ink(p);
          firmware.touch('move', p.x, p.y);
        }}
        onPointerUp={end}
        onPointerCancel={end}
      />
      <div className="runner-pad-actions">
        <button type="button" data-testid="runner-canvas-run" onClick={() => press('BUTTON1')}>
          Run on the drawing (BUTTON1)
        </button>
        <button type="button" data-testid="runner-canvas-clear" onClick={clear}>
          Clear (BUTTON2)
        </button>
      </div>
    </div>
  );
}
