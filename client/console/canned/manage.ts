// Managing canned replies from the console: the replies this person may change (their own; their
// groups' for a manager; shared and every group's for an administrator), saving one (its text,
// then the files added, then those removed) and deleting one. The form is checked with the
// server's own rules first (objects/rules/canned.ts), so an unknown variable is named before a
// round trip; the server checks again and its refusal is shown in the same place. A model: no DOM.
import { signal, type ReadonlySignal } from '@preact/signals';
import { checkBody, normalShortcut, shortcutProblem, type CannedScope } from '../../../objects/rules/canned.ts';
import { fileProblem } from '../../../objects/rules/files.ts';
import type { CannedEditBody, CannedFileResponse, CannedListResponse, CannedReply, CannedReplyResponse, NewCannedBody } from '../../../worker/canned/wire.ts';
import { ApiError, del, describeError, getJson, patchJson, postFile, postJson } from '../../shared/api.ts';
import { loadFieldDefinitions } from '../chat/field-definitions.ts';
import { cannedLibrary } from './library.ts';

/** What the form holds. */
export interface ReplyForm {
  scope: CannedScope;
  groupId: string;
  folder: string;
  title: string;
  shortcut: string;
  body: string;
  /** Files picked to add, and ids of the reply's files to remove. */
  addFiles: readonly File[];
  removeFileIds: readonly string[];
}

/** The input a refusal is about, so the form can mark it. */
export type FormField = 'title' | 'shortcut' | 'body' | 'files' | 'groupId' | null;
export type SaveOutcome = { ok: true; reply: CannedReply } | { ok: false; message: string; field: FormField; reply: CannedReply | null };

export interface CannedManager {
  replies: ReadonlySignal<readonly CannedReply[]>;
  loaded: ReadonlySignal<boolean>;
  problem: ReadonlySignal<string | null>;
  /** Said to screen readers after a save or a delete. */
  announcement: ReadonlySignal<string>;
  saving: ReadonlySignal<boolean>;
  load(): Promise<void>;
  /** Creates (`existing` null) or changes a reply; a refusal names what to fix. */
  save(form: ReplyForm, existing: CannedReply | null): Promise<SaveOutcome>;
  /** Deletes a reply and its files; the refusal, or null when done. */
  remove(reply: CannedReply): Promise<string | null>;
}

/** A form for a new reply of the first scope this person may write. */
export function emptyForm(scope: CannedScope, groupId: string): ReplyForm {
  return { scope, groupId, folder: '', title: '', shortcut: '', body: '', addFiles: [], removeFileIds: [] };
}

export function formOf(reply: CannedReply): ReplyForm {
  return {
    scope: reply.scope,
    groupId: reply.groupId ?? '',
    folder: reply.folder,
    title: reply.title,
    shortcut: reply.shortcut ?? '',
    body: reply.body,
    addFiles: [],
    removeFileIds: [],
  };
}

/** The server's code → the input it is about. */
function fieldOf(error: unknown): FormField {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'unknown_variable') return 'body';
  if (error.code === 'shortcut_taken') return 'shortcut';
  if (error.code === 'unknown_group') return 'groupId';
  if (['unsupported_type', 'file_too_large', 'type_mismatch', 'invalid_file', 'too_many_reply_files'].includes(error.code)) return 'files';
  return null;
}

/** The form's own check, with the server's rules: the refusal, or null. */
export async function checkForm(form: ReplyForm): Promise<{ message: string; field: FormField } | null> {
  if (form.title.trim() === '') return { message: 'Give the reply a title.', field: 'title' };
  if (form.scope === 'group' && form.groupId === '') return { message: 'Choose the group the reply is for.', field: 'groupId' };
  const shortcut = shortcutProblem(normalShortcut(form.shortcut));
  if (shortcut) return { message: shortcut, field: 'shortcut' };
  if (form.body.trim() === '') return { message: 'Write the reply’s text.', field: 'body' };
  const fields = await loadFieldDefinitions();
  const body = checkBody(form.body, fields.map((f) => f.key));
  if (!body.ok) return { message: body.message, field: 'body' };
  for (const file of form.addFiles) {
    const problem = fileProblem(file);
    if (problem) return { message: problem, field: 'files' };
  }
  return null;
}

export function createCannedManager(): CannedManager {
  const replies = signal<readonly CannedReply[]>([]);
  const loaded = signal(false);
  const problem = signal<string | null>(null);
  const announcement = signal('');
  const saving = signal(false);

  async function load(): Promise<void> {
    try {
      replies.value = (await getJson<CannedListResponse>('/api/canned?view=manage')).replies;
      loaded.value = true;
      problem.value = null;
    } catch (error) {
      problem.value = describeError(error);
    }
  }

  /** The text first; then the files, one by one (a refused file leaves the reply saved, and says so). */
  async function write(form: ReplyForm, existing: CannedReply | null): Promise<SaveOutcome> {
    const text = { folder: form.folder.trim(), title: form.title.trim(), shortcut: normalShortcut(form.shortcut), body: form.body };
    let reply: CannedReply;
    try {
      if (existing) {
        // The version we edited: a colleague's save in between is refused, not overwritten.
        const edit: CannedEditBody = { ...text, updatedAt: existing.updatedAt };
        reply = (await patchJson<CannedReplyResponse>(`/api/canned/${encodeURIComponent(existing.id)}`, edit)).reply;
      } else {
        const body: NewCannedBody = { scope: form.scope, ...(form.scope === 'group' ? { groupId: form.groupId } : {}), ...text };
        reply = (await postJson<CannedReplyResponse>('/api/canned', body)).reply;
      }
    } catch (error) {
      return { ok: false, message: describeError(error), field: fieldOf(error), reply: existing };
    }
    const path = `/api/canned/${encodeURIComponent(reply.id)}/files`;
    try {
      for (const id of form.removeFileIds) await del(`${path}/${encodeURIComponent(id)}`);
      for (const file of form.addFiles) await postFile<CannedFileResponse>(path, file, file.name);
    } catch (error) {
      return { ok: false, message: `The reply was saved, but not all its files: ${describeError(error)}`, field: fieldOf(error) ?? 'files', reply };
    }
    return { ok: true, reply };
  }

  return {
    replies,
    loaded,
    problem,
    announcement,
    saving,
    load,
    async save(form, existing) {
      if (saving.value) return { ok: false, message: 'Saving already…', field: null, reply: existing };
      const refused = await checkForm(form);
      if (refused) return { ok: false, ...refused, reply: existing };
      saving.value = true;
      try {
        const outcome = await write(form, existing);
        await Promise.all([load(), cannedLibrary.refresh()]);
        if (outcome.ok) announcement.value = `Saved “${outcome.reply.title}”.`;
        // The reply as saved (with the files that did go), for the form to go on from.
        const saved = outcome.reply && (replies.value.find((r) => r.id === outcome.reply!.id) ?? outcome.reply);
        return outcome.ok ? { ok: true, reply: saved! } : { ...outcome, reply: saved };
      } finally {
        saving.value = false;
      }
    },
    async remove(reply) {
      try {
        await del(`/api/canned/${encodeURIComponent(reply.id)}`);
      } catch (error) {
        return describeError(error);
      }
      announcement.value = `Deleted “${reply.title}”.`;
      await Promise.all([load(), cannedLibrary.refresh()]);
      return null;
    },
  };
}
