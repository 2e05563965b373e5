// How far a model is from fitting a board, per memory: the bytes to spare, or the bytes missing.
import type { FitVerdict } from '../../ml/cycles/fits';
import { kb } from '../target/UsageBar';

type Need = FitVerdict['flash'];

/** "118.4 KB spare" or "40.2 KB short". */
export function marginText(need: Need): string {
  const margin = need.available - need.needed;
  return margin >= 0 ? `${kb(margin)} spare` : `${kb(-margin)} short`;
}

/** "fits" or what does not: "SRAM 40.2 KB short", "flash 1.0 KB short, SRAM 3.0 KB short". */
export function verdictText(verdict: FitVerdict): string {
  if (verdict.fits) return 'fits';
  return [
    !verdict.flash.fits && `flash ${marginText(verdict.flash)}`,
    !verdict.sram.fits && `SRAM ${marginText(verdict.sram)}`,
  ]
    .filter(Boolean)
    .join(', ');
}
