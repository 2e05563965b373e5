// The board's 240x240 touch panel (as on the DISCO-F413ZH): pointer strokes go to the firmware as touch samples.
// The ink shown is the firmware's canvas: the same samples are drawn by the TypeScript twin of its DigitCanvas
// (bit for bit the same pixels, with the brush the firmware reports), and it is cleared when the firmware says it
// cleared its canvas (BUTTON2, a reset, a new firmware) — never by the page on its own.
import { useEffect, useRef, useState } from 'react';
import { BitCanvas, CANVAS_SIZE, StrokeTracker } from '../../../ml/mnist/preprocess';
import { telemetryChannel } from '../../../services/channels';
import { preferences } from '../../../services/preferences';
import { firmware } from '../../../services/session';
import { useStore } from '../../../state/store';
import { selectStatus } from '../../../state/selectors';
import type { MnistCanvasReport } from '../../../shared/telemetry/reports';

const INK = [245, 247, 250];
const PAPER = [5, 7, 10];
/** A digit whose longer side is shorter than this (panel pixels) comes out as a thick blob at 20x20. */
const SMALL_DIGIT = 100;

function paint(ctx: CanvasRenderingContext2D, canvas: BitCanvas): void {
  const img = ctx.createImageData(CANVAS_SIZE, CANVAS_SIZE);
  for (let y = 0; y < CANVAS_SIZE; y++) {
    for (let x = 0; x < CANVAS_SIZE; x++) img.data.set([...(canvas.get(x, y) ? INK : PAPER), 255], (y * CANVAS_SIZE + x) * 4);
  }
  ctx.putImageData(img, 0, 0);
}

/** The longer side of the ink's bounding box, 0 when nothing is drawn. */
function inkSide(canvas: BitCanvas): number {
  let x0 = CANVAS_SIZE, x1 = -1, y0 = CANVAS_SIZE, y1 = -1;
  for (let y = 0; y < CANVAS_SIZE; y++) {
    for (let x = 0; x < CANVAS_SIZE; x++) {
      if (!canvas.get(x, y)) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  return x1 < 0 ? 0 : Math.max(x1 - x0, y1 - y0) + 1;
}

export function DigitCanvas() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const ink = useRef(new BitCanvas());
  const pen = useRef<StrokeTracker | null>(null);
  const brush = useRef<number | undefined>(undefined);
  const drawing = useRef(false);
  const status = useStore(selectStatus);
  const alive = status === 'running' || status === 'paused';
  const [firstUse, setFirstUse] = useState(() => !preferences.drewDigit());
  const [side, setSide] = useState(0);

  useEffect(() => {
    const ctx = canvas.current!.getContext('2d')!;
    pen.current = new StrokeTracker(ink.current);
    paint(ctx, ink.current);
    const cleared = (r: MnistCanvasReport) => {
      brush.current = r.brush_radius;
      ink.current.clear();
      pen.current = new StrokeTracker(ink.current);
      drawing.current = false;
      setSide(0);
      paint(ctx, ink.current);
    };
    const latest = telemetryChannel.latest.get('mnist.canvas');
    if (latest) brush.current = (latest as MnistCanvasReport).brush_radius;
    const offCleared = telemetryChannel.subscribe('mnist.canvas', cleared);
    // After a drawing was classified, say so if it was too small to be read well.
    const offInference = telemetryChannel.subscribe('mnist.inference', (r) => r.source === 'touch' && setSide(inkSide(ink.current)));
    return () => {
      offCleared();
      offInference();
    };
  }, []);

  // Panel pixels, rounded and clamped as the touch screen does before the firmware sees them.
  const toPanel = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const at = (v: number) => Math.min(CANVAS_SIZE - 1, Math.max(0, Math.round(v * CANVAS_SIZE)));
    return { x: at((e.clientX - r.left) / r.width), y: at((e.clientY - r.top) / r.height) };
  };
  const sample = (down: boolean, p: { x: number; y: number }) => {
    // Only a live firmware draws (it reported its brush when it started).
    if (!alive || brush.current === undefined) return;
    pen.current!.sample(down, p.x, p.y, brush.current);
    paint(canvas.current!.getContext('2d')!, ink.current);
  };

  return (
    <div className="digit-canvas-wrap">
      <canvas
        ref={canvas}
        className="digit-canvas"
        data-testid="digit-canvas"
        width={CANVAS_SIZE}
        height={CANVAS_SIZE}
        aria-label="Touch screen: draw a digit"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const p = toPanel(e);
          drawing.current = true;
          if (firstUse) {
            preferences.markDrewDigit();
            setFirstUse(false);
          }
          sample(true, p);
          firmware.touch('press', p.x, p.y);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const p = toPanel(e);
          sample(true, p);
          firmware.touch('move', p.x, p.y);
        }}
        onPointerUp={(e) => {
          if (!drawing.current) return;
          drawing.current = false;
          sample(false, toPanel(e));
          firmware.touch('release', 0, 0);
        }}
        onPointerCancel={(e) => {
          drawing.current = false;
          sample(false, toPanel(e));
          firmware.touch('release', 0, 0);
        }}
      />
      {firstUse && (
        <div className="digit-hint" data-testid="draw-large-hint">
          Draw large: one digit filling most of the square
        </div>
      )}
      {side > 0 && side < SMALL_DIGIT && (
        <div className="digit-hint small" data-testid="draw-larger" role="status">
          This digit is small ({side} of {CANVAS_SIZE} px), so it may be misread: clear (BUTTON2) and draw it to fill most of the square.
        </div>
      )}
    </div>
  );
}
