// The float model on the 2,000 held-out digits: confusion matrix (rows true, columns predicted; shade = share of the
// row) on a canvas, and the accuracy per digit.
import { useEffect, useRef } from 'react';

const CELL = 24;
const MARGIN = 22;
const SIDE = MARGIN + 10 * CELL;

export function ConfusionMatrix({ confusion, perClass }: { confusion: number[]; perClass: number[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current!;
    const dpr = window.devicePixelRatio || 1;
    el.width = SIDE * dpr;
    el.height = SIDE * dpr;
    const ctx = el.getContext('2d')!;
    ctx.scale(dpr, dpr);
    ctx.clearRect(0, 0, SIDE, SIDE);
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let t = 0; t < 10; t++) {
      const row = confusion.slice(t * 10, t * 10 + 10);
      const total = row.reduce((a, b) => a + b, 0) || 1;
      ctx.fillStyle = '#8a98ab';
      ctx.fillText(String(t), MARGIN / 2, MARGIN + t * CELL + CELL / 2);
      ctx.fillText(String(t), MARGIN + t * CELL + CELL / 2, MARGIN / 2);
      row.forEach((n, p) => {
        const share = n / total;
        ctx.fillStyle =
          t === p
            ? `rgba(61,220,132,${0.15 + 0.85 * share})`
            : `rgba(255,92,92,${n ? 0.2 + 0.8 * Math.min(1, share * 8) : 0.04})`;
        ctx.fillRect(MARGIN + p * CELL + 1, MARGIN + t * CELL + 1, CELL - 2, CELL - 2);
        if (n) {
          ctx.fillStyle = '#e6edf3';
          ctx.fillText(String(n), MARGIN + p * CELL + CELL / 2, MARGIN + t * CELL + CELL / 2);
        }
      });
    }
  }, [confusion]);
  const worst = perClass.indexOf(Math.min(...perClass));
  return (
    <div className="confusion">
      <canvas
        ref={canvas}
        data-testid="confusion-matrix"
        style={{ width: SIDE, height: SIDE }}
        role="img"
        aria-label={`Confusion matrix of the held-out digits, rows the true digit, columns the prediction. Hardest digit: ${worst}, ${(perClass[worst]! * 100).toFixed(1)}% right.`}
      />
      <table className="per-class" data-testid="per-class">
        <caption>Accuracy per digit</caption>
        <tbody>
          {perClass.map((a, d) => (
            <tr key={d} className={d === worst ? 'worst' : ''}>
              <th scope="row">{d}</th>
              <td>{(a * 100).toFixed(1)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
