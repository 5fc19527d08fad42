// The person's Visible Fields as signals and actions: the columns the list shows (from
// GET /api/me/preferences at sign-in, the defaults when nothing is stored), and the dialog's
// draft until Save puts it (PUT /api/me/preferences); and the split the person dragged between the
// list and the open chat. Kept on the server, so it follows the person.
import { signal } from '@preact/signals';
import { describeError, getJson, putJson } from '../../shared/api.ts';
import { clampListShare } from '../../../objects/rules/preferences.ts';
import {
  checkDraft,
  type ColumnId,
  type ColumnPref,
  columnsFrom,
  DEFAULT_COLUMNS,
  draftFrom,
  type FieldDraft,
  type Preferences,
  setFieldWidth,
  toggleField,
} from './columns.ts';

const PATH = '/api/me/preferences';

export type VisibleFields = ReturnType<typeof createVisibleFields>;

export function createVisibleFields() {
  const columns = signal<readonly ColumnPref[]>(DEFAULT_COLUMNS);
  /** The dialog's rows while it is open; null when closed. */
  const draft = signal<readonly FieldDraft[] | null>(null);
  const errors = signal<Partial<Record<ColumnId, string>>>({});
  /** Why Save did not happen (a width out of range, or the server's refusal). */
  const problem = signal<string | null>(null);
  const saving = signal(false);
  /** The stored choice has been read (or could not be: then the defaults stand). */
  const loaded = signal(false);
  /** The list's share of the console beside or above the open chat (percent); null: the layout's own. */
  const listShare = signal<number | null>(null);

  return {
    columns,
    draft,
    errors,
    problem,
    saving,
    loaded,
    listShare,
    async load(): Promise<void> {
      try {
        const { preferences } = await getJson<{ preferences: Preferences | null }>(PATH);
        columns.value = columnsFrom(preferences);
        listShare.value = preferences?.listShare ?? null;
      } catch {
        // The default columns serve until the next sign-in. A lost session (401) is handled once, in shared/api.ts: the console signs out.
      } finally {
        loaded.value = true;
      }
    },
    /** The split as dragged (shown at once), kept on the server when `keep` (the drag ended). */
    async setListShare(percent: number, keep: boolean): Promise<void> {
      listShare.value = clampListShare(percent);
      if (!keep) return;
      try {
        await putJson(PATH, { listShare: listShare.value });
      } catch {
        // Shown as dragged for now; the next drag tries again (a lost session signs the console out).
      }
    },
    open(): void {
      draft.value = draftFrom(columns.value);
      errors.value = {};
      problem.value = null;
    },
    close(): void {
      draft.value = null;
    },
    show(id: ColumnId, visible: boolean): void {
      if (draft.value) draft.value = toggleField(draft.value, id, visible);
    },
    setWidth(id: ColumnId, width: string): void {
      if (draft.value) draft.value = setFieldWidth(draft.value, id, width);
    },
    async save(): Promise<void> {
      const current = draft.value;
      if (current === null || saving.value) return;
      const checked = checkDraft(current);
      if (!checked.ok) {
        errors.value = checked.errors;
        problem.value = checked.summary;
        return;
      }
      errors.value = {};
      problem.value = null;
      saving.value = true;
      try {
        const { preferences } = await putJson<{ preferences: Preferences }>(PATH, checked.preferences);
        columns.value = columnsFrom(preferences);
        draft.value = null;
      } catch (error) {
        problem.value = describeError(error);
      } finally {
        saving.value = false;
      }
    },
  };
}
