// Page object for the simulator page: every locator is a documented data-testid.
import { expect, type Locator, type Page } from '@playwright/test';

export class BoardPage {
  constructor(readonly page: Page) {}

  /** Opens `demo` and waits until its board runs (the MNIST board: until it checked its model and asks for a digit). */
  async open(demo: string, view?: 'board'): Promise<void> {
    await this.page.goto(`/?demo=${demo}${view ? `&view=${view}` : ''}`);
    await expect(this.page.getByTestId('demo-select')).toHaveValue(demo);
    await expect.poll(() => this.simTimeMs()).toBeGreaterThan(0);
    // Both demos check their signed model (about 130 ms of virtual time) before they attach their buttons.
    if (demo === 'mnist') await expect.poll(() => this.lcdText()).toBe('Draw a digit');
    if (demo === 'anomaly') await expect(this.page.getByTestId('samples-seen')).not.toHaveText('0');
  }

  led(name: 'LED1' | 'LED2' | 'LED3' | 'LED4'): Locator {
    return this.page.getByTestId(`led-${name}`);
  }

  button(name: 'BUTTON1' | 'BUTTON2'): Locator {
    return this.page.getByTestId(`button-${name}`);
  }

  get lcd(): Locator {
    return this.page.getByTestId('lcd');
  }

  get serialOutput(): Locator {
    return this.page.getByTestId('serial-output');
  }

  get hardfault(): Locator {
    return this.page.getByTestId('hardfault');
  }

  lcdText(): Promise<string> {
    return this.lcd.evaluate((el) => el.getAttribute('aria-label') ?? '');
  }

  async simTimeMs(): Promise<number> {
    return Number(await this.page.getByTestId('sim-time').getAttribute('data-ms'));
  }

  /** Holds a board button with the mouse for as long as `whileHeld` runs. */
  async holdButton(name: 'BUTTON1' | 'BUTTON2', whileHeld: () => Promise<void> = async () => {}): Promise<void> {
    const box = (await this.button(name).boundingBox())!;
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.down();
    await whileHeld();
    await this.page.mouse.up();
  }

  /** Replaces the open file with `text`, as select-all and paste would (no auto-closing brackets). */
  async replaceEditorText(text: string): Promise<void> {
    await this.page.locator('.view-lines').first().click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.insertText(text);
  }

  /** Puts the cursor at the end of the file and inserts `text` (as a paste would: no auto-closing brackets). */
  async appendToEditor(text: string): Promise<void> {
    await this.page.locator('.view-lines').first().click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.insertText(text);
  }

  async compileAndRun(): Promise<void> {
    await this.page.getByTestId('compile-run').click();
    await expect(this.page.getByTestId('build-status')).toHaveAttribute('data-phase', /succeeded|failed/, {
      timeout: 90_000,
    });
  }
}
