// The list's columns as the seed's Visible Fields describes them: which exist, their labels and
// default widths, and a person's choice of visible columns and widths as the server stores it
// (GET/PUT /api/me/preferences). Pure: the visible-fields model holds the signals and the fetches.

import { COLUMN_IDS, type ColumnId, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '../../../objects/protocol.ts';

export { COLUMN_IDS, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, type ColumnId };

export interface ColumnPref {
  id: ColumnId;
  width: number;
}
/** As the server stores it: the visible columns, in the seed's order, with their widths. */
export interface Preferences {
  columns: ColumnPref[];
  /** The list's share beside or above an open chat, in percent (the dragged split). */
  listShare?: number | null;
}

export const COLUMN_LABELS: Readonly<Record<ColumnId, string>> = {
  status: 'Status',
  user: 'User',
  group: 'Group',
  started: 'Started',
  queueTime: 'Queue Time',
  idle: 'Idle',
  messages: 'Messages',
  agent: 'Agent',
};

export const DEFAULT_WIDTHS: Readonly<Record<ColumnId, number>> = {
  status: 150,
  user: 180,
  group: 120,
  started: 140,
  queueTime: 110,
  idle: 100,
  messages: 100,
  agent: 150,
};

export const DEFAULT_COLUMNS: readonly ColumnPref[] = COLUMN_IDS.map((id) => ({ id, width: DEFAULT_WIDTHS[id] }));

const isColumnId = (id: unknown): id is ColumnId => (COLUMN_IDS as readonly unknown[]).includes(id);
const clampWidth = (w: number) => Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.round(w)));

/**
 * The columns to show for what the server answered: the defaults when nothing (or nothing
 * usable) is stored; otherwise each known column once, in the seed's order, its width in range.
 */
export function columnsFrom(stored: Preferences | null): readonly ColumnPref[] {
  const wanted = new Map<ColumnId, number>();
  for (const col of stored?.columns ?? []) {
    if (isColumnId(col.id) && !wanted.has(col.id) && Number.isFinite(col.width)) wanted.set(col.id, clampWidth(col.width));
  }
  if (wanted.size === 0) return DEFAULT_COLUMNS;
  return COLUMN_IDS.filter((id) => wanted.has(id)).map((id) => ({ id, width: wanted.get(id)! }));
}

// ---- the Visible Fields dialog's draft ------------------------------------------------------

/** One row of the dialog: every column, shown or not, its width as typed. */
export interface FieldDraft {
  id: ColumnId;
  visible: boolean;
  width: string;
}

export function draftFrom(columns: readonly ColumnPref[]): FieldDraft[] {
  return COLUMN_IDS.map((id) => {
    const shown = columns.find((c) => c.id === id);
    return { id, visible: shown !== undefined, width: String(shown?.width ?? DEFAULT_WIDTHS[id]) };
  });
}

export function toggleField(draft: readonly FieldDraft[], id: ColumnId, visible: boolean): FieldDraft[] {
  return draft.map((f) => (f.id === id ? { ...f, visible } : f));
}

export function setFieldWidth(draft: readonly FieldDraft[], id: ColumnId, width: string): FieldDraft[] {
  return draft.map((f) => (f.id === id ? { ...f, width } : f));
}

export type DraftCheck =
  | { ok: true; preferences: Preferences }
  | { ok: false; errors: Partial<Record<ColumnId, string>>; summary: string };

/** A width must be a whole number in range for every shown column; at least one column shows. */
export function checkDraft(draft: readonly FieldDraft[]): DraftCheck {
  const errors: Partial<Record<ColumnId, string>> = {};
  const columns: ColumnPref[] = [];
  for (const f of draft) {
    if (!f.visible) continue;
    const width = Number(f.width.trim());
    if (f.width.trim() === '' || !Number.isInteger(width) || width < MIN_COLUMN_WIDTH || width > MAX_COLUMN_WIDTH) {
      errors[f.id] = `Width must be a whole number from ${MIN_COLUMN_WIDTH} to ${MAX_COLUMN_WIDTH}.`;
    } else {
      columns.push({ id: f.id, width });
    }
  }
  const bad = Object.keys(errors).length;
  if (bad > 0) return { ok: false, errors, summary: bad === 1 ? 'One width is out of range.' : `${bad} widths are out of range.` };
  if (columns.length === 0) return { ok: false, errors, summary: 'Choose at least one column to show.' };
  return { ok: true, preferences: { columns } };
}
