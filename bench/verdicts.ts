// How the bench turns a Switchboard figure and the baseline's, or a figure and its bound, into a
// verdict. Pure (tested in test/pure/bench/): a ratio over a denominator that is noise is no verdict at all.

/**
 * Below this RSS growth per item the baseline's figure is allocator noise (pages freed or reused
 * meanwhile swing it by a few KiB either way), and a ratio over it says nothing.
 */
export const MIN_MEASURABLE_KB = 8;

export type Verdict = 'PASS' | 'FAIL' | 'UNMEASURED';

/** Switchboard's memory per item over the baseline's, against the target ratio. */
export function memoryVerdict(switchboardKb: number, baselineKb: number, target: number): { ratio: number | null; verdict: Verdict } {
  if (!(baselineKb >= MIN_MEASURABLE_KB)) return { ratio: null, verdict: 'UNMEASURED' };
  const ratio = switchboardKb / baselineKb;
  return { ratio, verdict: ratio <= target ? 'PASS' : 'FAIL' };
}

/** A figure against an upper bound (a p95 against its target); no figure (NaN) is no verdict. */
export function boundVerdict(figure: number, bound: number): Verdict {
  if (Number.isNaN(figure)) return 'UNMEASURED';
  return figure <= bound ? 'PASS' : 'FAIL';
}
