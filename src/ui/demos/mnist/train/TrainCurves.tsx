// Live loss and accuracy while training: the training batches' running mean over the epoch so far, and the
// held-out digits after each epoch. Drawn with uPlot (tfjs-vis needs unsafe-eval).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useStore } from '../../../../state/store';
import { selectTrainCurve, selectValidationCurve } from '../../../../state/selectors';
import type { CurvePoint } from '../../../../state/workbenchSlice';

type Aligned = [number[], (number | null)[], (number | null)[]];

/** One x axis for both series (uPlot's data is aligned): rows in x order, null where a series has no point. */
export function alignCurves(train: CurvePoint[], validation: CurvePoint[], y: 'loss' | 'accuracy'): Aligned {
  const rows = new Map<number, [number | null, number | null]>();
  for (const p of train) rows.set(p.x, [p[y], rows.get(p.x)?.[1] ?? null]);
  for (const p of validation) rows.set(p.x, [rows.get(p.x)?.[0] ?? null, p[y]]);
  const xs = [...rows.keys()].sort((a, b) => a - b);
  return [xs, xs.map((x) => rows.get(x)![0]), xs.map((x) => rows.get(x)![1])];
}

function Curve({ y, title, testId }: { y: 'loss' | 'accuracy'; title: string; testId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const train = useStore(selectTrainCurve);
  const validation = useStore(selectValidationCurve);

  useEffect(() => {
    const el = host.current!;
    const measure = () => Math.max(220, el.clientWidth);
    const p = new uPlot(
      {
        width: measure(),
        height: 170,
        title,
        scales: { x: { time: false }, y: y === 'accuracy' ? { range: [0, 1] } : {} },
        axes: [
          { stroke: '#8a98ab', grid: { stroke: '#1c2633' }, label: 'epoch' },
          { stroke: '#8a98ab', grid: { stroke: '#1c2633' }, size: 44 },
        ],
        series: [
          {},
          { label: 'training', stroke: '#4da3ff', width: 1.5, spanGaps: true, points: { show: false } },
          {
            label: 'held-out',
            stroke: '#ffb347',
            width: 2,
            spanGaps: true,
            points: { show: true, size: 7, fill: '#ffb347' },
          },
        ],
        legend: { live: false },
        cursor: { show: false },
      },
      [[], [], []],
      el,
    );
    plot.current = p;
    const resize = new ResizeObserver(() => p.setSize({ width: measure(), height: 170 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      p.destroy();
      plot.current = null;
    };
  }, [title, y]);

  useEffect(() => {
    plot.current?.setData(alignCurves(train, validation, y));
  }, [train, validation, y]);

  return (
    <div
      ref={host}
      className="train-curve"
      data-testid={testId}
      data-points={train.length}
      data-validation-points={validation.length}
    />
  );
}

export function TrainCurves() {
  return (
    <div className="train-curves">
      <Curve y="loss" title="Loss" testId="train-loss-chart" />
      <Curve y="accuracy" title="Accuracy" testId="train-accuracy-chart" />
    </div>
  );
}
