// The person's Visible Fields as signals and actions: the columns the list shows (from
// GET /api/me/preferences at sign-in, the defaults when nothing is stored), and the dialog's
// draft until Save puts it (PUT /api/me/preferences). Kept on the server, so it follows the person.
import { signal } from '@preact/signals';
import { describeError, getJson, putJson } from '../../shared/api.ts';
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

  return {
    columns,
    draft,
    errors,
    problem,
    saving,
    loaded,
    async load(): Promise<void> {
      try {
        const { preferences } = await getJson<{ preferences: Preferences | null }>(PATH);
        columns.value = columnsFrom(preferences);
      } catch {
        // The default columns serve until the next sign-in. A lost session (401) is handled once, in shared/api.ts: the console signs out.
      } finally {
        loaded.value = true;
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
