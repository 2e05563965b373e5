// A 28×28 digit (0..255, row-major) drawn on a canvas, pixel for pixel; CSS scales it up.
import { useEffect, useRef } from 'react';

export function paintDigit(canvas: HTMLCanvasElement, pixels: ArrayLike<number> | undefined): void {
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const v = pixels?.[i] ?? 0;
    img.data.set([v, v, v, 255], i * 4);
  }
  ctx.putImageData(img, 0, 0);
}

export function DigitTile({ pixels, caption, label }: { pixels: Uint8Array; caption: string; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => paintDigit(canvas.current!, pixels), [pixels]);
  return (
    <figure className="digit-tile">
      <canvas ref={canvas} width={28} height={28} role="img" aria-label={label} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
