// Drawing on the MNIST demo's touch screen with the mouse.
import type { Page } from '@playwright/test';

export type Pt = [number, number];

/** Drags the mouse through `points` (panel coordinates, 0..239) on the digit canvas. */
export async function stroke(page: Page, points: Pt[]): Promise<void> {
  const box = (await page.getByTestId('digit-canvas').boundingBox())!;
  const at = ([x, y]: Pt) => [box.x + (x / 240) * box.width, box.y + (y / 240) * box.height] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 8 });
  await page.mouse.up();
}
