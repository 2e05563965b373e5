// Draws the C12832 framebuffer pixel for pixel; the canvas is scaled by CSS with pixelated rendering.
import { useEffect, useRef } from 'react';
import { LCD_HEIGHT, LCD_WIDTH } from '../../runtime/abi/abiSpec';
import { lcdChannel } from '../../services/channels';

const ON = [24, 36, 28];
const OFF = [178, 204, 170];
/** A screen reader hears the LCD at most this often (a demo may rewrite it many times a second). */
const ANNOUNCE_EVERY_MS = 1000;

export function LcdDisplay() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const announcer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const live = announcer.current!;
    let lastAt = -Infinity;
    let pending: ReturnType<typeof setTimeout> | undefined;
    let latest = '';
    const announce = () => {
      pending = undefined;
      lastAt = performance.now();
      live.textContent = latest;
    };
    const el = canvas.current!;
    const ctx = el.getContext('2d')!;
    const image = ctx.createImageData(LCD_WIDTH, LCD_HEIGHT);
    const unsubscribe = lcdChannel.subscribe(({ framebuffer, text }) => {
      for (let i = 0; i < LCD_WIDTH * LCD_HEIGHT; i++) {
        const lit = (framebuffer[i >> 3] & (0x80 >> (i & 7))) !== 0;
        const c = lit ? ON : OFF;
        image.data.set([c[0], c[1], c[2], 255], i * 4);
      }
      ctx.putImageData(image, 0, 0);
      el.setAttribute('aria-label', text);
      el.dataset.text = text;
      if (text === latest) return;
      latest = text;
      if (pending === undefined)
        pending = setTimeout(announce, Math.max(0, lastAt + ANNOUNCE_EVERY_MS - performance.now()));
    });
    return () => {
      clearTimeout(pending);
      unsubscribe();
    };
  }, []);
  return (
    <div className="lcd-bezel">
      <canvas
        ref={canvas}
        className="lcd"
        data-testid="lcd"
        role="img"
        aria-label=""
        width={LCD_WIDTH}
        height={LCD_HEIGHT}
      />
      <div className="lcd-caption">C12832 · 128×32</div>
      <div ref={announcer} className="sr-only" aria-live="polite" data-testid="lcd-announcer" />
    </div>
  );
}
