// The board's 240x240 touch panel (as on the DISCO-F413ZH): pointer strokes go to the firmware as touch samples.
// The ink shown is the firmware's canvas: the same samples are drawn by the TypeScript twin of its DigitCanvas
// (bit for bit the same pixels, with the brush and path capacity the firmware reports), re-inked with the brush the
// firmware re-inked a drawing with when it classified it, and cleared when the firmware says it cleared its canvas
// (BUTTON2, a reset, a new firmware) — never by the page on its own.
import { useEffect, useRef, useState } from 'react';
import { BitCanvas, CANVAS_SIZE, StrokeTracker } from '../../../ml/mnist/preprocess';
import { telemetryChannel } from '../../../services/channels';
import { preferences } from '../../../services/preferences';
import { firmware } from '../../../services/session';
import { useStore } from '../../../state/store';
import { selectStatus } from '../../../state/selectors';
import type { MnistCanvasReport, MnistInferenceReport } from '../../../shared/telemetry/reports';

const INK = [245, 247, 250];
const PAPER = [5, 7, 10];

function paint(ctx: CanvasRenderingContext2D, canvas: BitCanvas): void {
  const img = ctx.createImageData(CANVAS_SIZE, CANVAS_SIZE);
  for (let y = 0; y < CANVAS_SIZE; y++) {
    for (let x = 0; x < CANVAS_SIZE; x++)
      img.data.set([...(canvas.get(x, y) ? INK : PAPER), 255], (y * CANVAS_SIZE + x) * 4);
  }
  ctx.putImageData(img, 0, 0);
}

export function DigitCanvas() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const ink = useRef(new BitCanvas());
  const pen = useRef<StrokeTracker | null>(null);
  const reported = useRef<MnistCanvasReport | undefined>(undefined);
  const drawing = useRef(false);
  const status = useStore(selectStatus);
  const alive = status === 'running' || status === 'paused';
  const [firstUse, setFirstUse] = useState(() => !preferences.drewDigit());

  useEffect(() => {
    const ctx = canvas.current!.getContext('2d')!;
    const latest = telemetryChannel.latest.get('mnist.canvas') as MnistCanvasReport | undefined;
    reported.current = latest;
    pen.current = new StrokeTracker(ink.current, latest?.path_capacity);
    paint(ctx, ink.current);
    const cleared = (r: MnistCanvasReport) => {
      reported.current = r;
      ink.current.clear();
      pen.current = new StrokeTracker(ink.current, r.path_capacity);
      drawing.current = false;
      paint(ctx, ink.current);
    };
    const offCleared = telemetryChannel.subscribe('mnist.canvas', cleared);
    // Classifying a drawing re-inks the firmware's canvas from the pen's path with a brush scaled to its size.
    const reinked = (r: MnistInferenceReport) => {
      if (r.ink_radius === undefined) return;
      pen.current!.reink(r.ink_radius);
      paint(ctx, ink.current);
    };
    const offInference = telemetryChannel.subscribe('mnist.inference', reinked);
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
    if (!alive || reported.current === undefined) return;
    pen.current!.sample(down, p.x, p.y, reported.current.brush_radius);
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
        <div className="digit-hint" data-testid="draw-hint">
          Draw one digit, any size, then press BUTTON1
        </div>
      )}
    </div>
  );
}
