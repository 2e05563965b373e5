// The board's 240x240 touch panel (as on the DISCO-F413ZH): pointer strokes go to the firmware as touch samples;
// the ink drawn here is only an echo — what the firmware made of it is shown in the inference panel.
import { useEffect, useRef } from 'react';
import { TOUCH_HEIGHT, TOUCH_WIDTH } from '../../../runtime/abi/abiSpec';
import { firmware } from '../../../services/session';

/** Matches the firmware's brush so the echo looks like what it rasterises. */
const BRUSH_RADIUS = 9;

export function DigitCanvas({ clearSignal }: { clearSignal: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    const ctx = canvas.current!.getContext('2d')!;
    ctx.fillStyle = '#05070a';
    ctx.fillRect(0, 0, TOUCH_WIDTH, TOUCH_HEIGHT);
  }, [clearSignal]);

  const toPanel = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * TOUCH_WIDTH, y: ((e.clientY - r.top) / r.height) * TOUCH_HEIGHT };
  };
  const ink = (p: { x: number; y: number }) => {
    const ctx = canvas.current!.getContext('2d')!;
    ctx.strokeStyle = ctx.fillStyle = '#f5f7fa';
    ctx.lineWidth = BRUSH_RADIUS * 2;
    ctx.lineCap = 'round';
    ctx.beginPath();
    const from = last.current ?? p;
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    last.current = p;
  };

  return (
    <canvas
      ref={canvas}
      className="digit-canvas"
      data-testid="digit-canvas"
      width={TOUCH_WIDTH}
      height={TOUCH_HEIGHT}
      aria-label="Touch screen: draw a digit"
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
      onPointerUp={() => {
        last.current = null;
        firmware.touch('release', 0, 0);
      }}
      onPointerCancel={() => {
        last.current = null;
        firmware.touch('release', 0, 0);
      }}
    />
  );
}
