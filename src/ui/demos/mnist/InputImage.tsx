// The 28x28 image the network actually saw, after the firmware's preprocessing.
import { useEffect, useRef } from 'react';
import { paintDigit } from './DigitTile';

export function InputImage({ pixels }: { pixels?: number[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => paintDigit(canvas.current!, pixels), [pixels]);
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
