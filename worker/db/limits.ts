// D1's limits that queries must respect, in one place.

/** Ids bound per statement: D1 takes at most 100 parameters in one (a few are kept for the rest of the query). */
export const IDS_PER_STATEMENT = 90;

/** The ids in slices that each fit one statement. */
export function idSlices<T>(ids: readonly T[]): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_STATEMENT) slices.push(ids.slice(start, start + IDS_PER_STATEMENT));
  return slices;
}
