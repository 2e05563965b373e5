// Editing firmware in the browser: compile with the in-browser clang, markers for errors, faults, persistence.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { BoardPage } from './BoardPage';

test.describe.configure({ mode: 'serial' });

test('an edit compiled in the browser changes the LCD text', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('button_lcd');
  await expect.poll(() => board.lcdText()).toMatch(/Presses: 0/);
  const source = readFileSync(new URL('../wasm/apps/button_lcd/main.cpp', import.meta.url), 'utf8');
  await board.replaceEditorText(source.replace('"Presses: %d"', '"Clicks: %d"'));
  await board.compileAndRun();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-phase', 'succeeded');
  await expect.poll(() => board.lcdText(), { timeout: 30_000 }).toMatch(/Clicks: 0/);
  // The edit survives a reload; Restore demo brings the original back.
  await page.reload();
  await expect(page.locator('.view-line span', { hasText: 'Clicks' }).first()).toBeVisible();
  await page.getByTestId('restore-demo').click();
  await expect(page.locator('.view-line span', { hasText: 'Presses' }).first()).toBeVisible();
  await expect.poll(() => board.lcdText()).toMatch(/Presses: 0/);
});

test('a compile error shows a marker and a problem, and the old firmware keeps running', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('blinky');
  await board.appendToEditor('\nint broken = ;\n');
  await board.compileAndRun();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-phase', 'failed');
  await expect(page.getByTestId('problems')).toContainText(/main\.cpp:\d+:\d+.*expected expression/);
  await expect(page.locator('.squiggly-error').first()).toBeAttached();
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'on');
  await expect(board.led('LED1')).toHaveAttribute('data-state', 'off');
});

test('a firmware that traps halts the board with a HardFault panel; Reset recovers', async ({ page }) => {
  const board = new BoardPage(page);
  await board.open('button_lcd');
  await board.appendToEditor('\nstatic volatile int* bad = (int*)0xFFFFFFF0;\nint trap_now = *bad;\n');
  await board.compileAndRun();
  await expect(board.hardfault).toBeVisible();
  await expect(board.hardfault).toContainText(/out of bounds/);
  await page.getByTestId('restore-demo').click();
  await expect(board.hardfault).toHaveCount(0);
  await expect.poll(() => board.lcdText()).toMatch(/Presses: 0/);
});
