// The checked rows of a list (the seed's checkbox column), kept as chat ids apart from the rows
// themselves, so a live update that replaces a row never unchecks it. Actions work on the rows
// that are both checked and listed. Pure functions on immutable sets.

export type HeaderState = 'none' | 'some' | 'all';

export function toggle(checked: ReadonlySet<string>, id: string, on: boolean): ReadonlySet<string> {
  if (checked.has(id) === on) return checked;
  const next = new Set(checked);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

/** Checks every listed row, or (when all already are) unchecks them. */
export function toggleAll(checked: ReadonlySet<string>, listed: readonly string[]): ReadonlySet<string> {
  if (headerState(checked, listed) === 'all') return new Set([...checked].filter((id) => !listed.includes(id)));
  return new Set([...checked, ...listed]);
}

export function selectAll(checked: ReadonlySet<string>, listed: readonly string[]): ReadonlySet<string> {
  return listed.every((id) => checked.has(id)) ? checked : new Set([...checked, ...listed]);
}

/** What the header checkbox shows: none, some (indeterminate) or all of the listed rows checked. */
export function headerState(checked: ReadonlySet<string>, listed: readonly string[]): HeaderState {
  const n = listed.filter((id) => checked.has(id)).length;
  if (n === 0) return 'none';
  return n === listed.length ? 'all' : 'some';
}

/** The listed rows that are checked, in list order. */
export function checkedRows<R extends { id: string }>(checked: ReadonlySet<string>, listed: readonly R[]): R[] {
  return listed.filter((row) => checked.has(row.id));
}
