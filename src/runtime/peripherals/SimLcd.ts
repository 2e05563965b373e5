// The C12832 128x32 monochrome LCD: holds the framebuffer and the text the firmware published with sim_lcd_update.
import { LCD_FB_BYTES, LCD_HEIGHT, LCD_WIDTH } from '../abi/abiSpec';
import { Listeners } from '../../shared/Listeners';
import type { LcdFrame } from '../types';

export class SimLcd {
  readonly width = LCD_WIDTH;
  readonly height = LCD_HEIGHT;
  private fb = new Uint8Array(LCD_FB_BYTES);
  private textLines = '';
  private readonly updates = new Listeners<LcdFrame>();

  get framebuffer(): Uint8Array {
    return this.fb;
  }

  get text(): string {
    return this.textLines;
  }

  /** Copies a frame in; the caller's buffer may be reused afterwards. */
  update(framebuffer: Uint8Array, text: string): void {
    if (framebuffer.length !== LCD_FB_BYTES) {
      throw new Error(`SimLcd: framebuffer must be ${LCD_FB_BYTES} bytes, got ${framebuffer.length}`);
    }
    this.fb = framebuffer.slice();
    this.textLines = text;
    this.updates.emit({ framebuffer: this.fb, text });
  }

  pixel(x: number, y: number): boolean {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return false;
    return (this.fb[(y * this.width + x) >> 3] & (0x80 >> (x & 7))) !== 0;
  }

  addListener(fn: (frame: LcdFrame) => void): () => void {
    return this.updates.add(fn);
  }
}
