// The 28x28 image the network actually saw, after the firmware's preprocessing.
import { useEffect, useRef } from 'react';

export function InputImage({ pixels }: { pixels?: number[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current!.getContext('2d')!;
    const img = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = pixels?.[i] ?? 0;
      img.data.set([v, v, v, 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels]);
  return (
    <canvas
      ref={canvas}
      className="input-image"
      data-testid="input-image"
      width={28}
      height={28}
      aria-label="28 by 28 input the network saw"
      role="img"
    />
  );
}
