// The firmware tests read telemetry through this: every report is checked against its description
// (src/shared/telemetry/reports.ts), and a suite whose firmware wrote a field differently fails in afterAll.
import { afterAll, expect } from 'vitest';
import { checkReport } from '../../src/shared/telemetry/reports';

const problems: string[] = [];
let checked = 0;

afterAll(() => {
  expect(problems.slice(0, 5)).toEqual([]);
  expect(checked).toBeGreaterThan(0);
});

/** Parses one report and records whether it matches its description. */
export function parseCheckedReport<T>(json: string): T {
  const report = JSON.parse(json) as { type: string; [key: string]: unknown };
  const problem = checkReport(report);
  if (problem) problems.push(problem);
  checked++;
  return report as T;
}
