// The Administration page's manual events, as signals and actions (no DOM): the list as the
// server has it, saving a new or changed event, deleting one. The server checks every rule; its
// refusal is kept whole (message and the field at fault, e.g. `actions.1.subject`) for the form
// to show beside that field. Also the editor's starting point for each kind of action.
import type { ManualAction, ManualEvent, ManualEventBody, ManualEventsResponse } from '../../../worker/manual-events/wire.ts';
import { signal } from '@preact/signals';
import type { ManualActionKind } from '../../../objects/protocol.ts';
import { ApiError, del, describeError, getJson, postJson, put } from '../../shared/api.ts';

/** A refusal from the server, with the field it names (if any). */
export interface EventRefusal {
  message: string;
  field: string | null;
}

/** A new action of a kind, with empty fields for the editor to fill (`groupId`: a first transfer target). */
export function blankAction(type: ManualActionKind, groupId: string): ManualAction {
  switch (type) {
    case 'add-comment':
      return { type, kind: 'general', text: '' };
    case 'set-field':
      return { type, key: '', value: '' };
    case 'transfer':
      return { type, to: { kind: 'group', groupId } };
    case 'follow-up':
      return { type, inMinutes: 60, comment: '' };
    case 'end-chat':
      return { type };
    case 'send-email':
      return { type, to: 'customer', subject: '', body: '' };
    case 'webhook':
      return { type, url: 'https://' };
  }
}

export type ManualEventsAdmin = ReturnType<typeof createManualEventsAdmin>;

export function createManualEventsAdmin() {
  const events = signal<readonly ManualEvent[]>([]);
  const loaded = signal(false);
  const busy = signal(false);
  const refusal = signal<EventRefusal | null>(null);
  const announcement = signal('');

  async function load(): Promise<void> {
    try {
      events.value = (await getJson<ManualEventsResponse>('/api/admin/manual-events')).events;
    } catch (error) {
      refusal.value = { message: describeError(error), field: null };
    } finally {
      loaded.value = true;
    }
  }

  /** Runs one change; true when the server accepted it (the list is read again). */
  async function change(work: () => Promise<unknown>, done: string): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    refusal.value = null;
    announcement.value = '';
    try {
      await work();
    } catch (error) {
      refusal.value = { message: describeError(error), field: error instanceof ApiError ? error.field : null };
      return false;
    } finally {
      busy.value = false;
    }
    announcement.value = done;
    await load();
    return true;
  }

  return {
    events,
    loaded,
    busy,
    refusal,
    announcement,
    load,
    /** Creates the event (`id` null) or replaces it. */
    save: (id: string | null, body: ManualEventBody) =>
      change(
        () => (id === null ? postJson('/api/admin/manual-events', body) : put(`/api/admin/manual-events/${encodeURIComponent(id)}`, body)),
        `Manual event ${body.name} was saved.`,
      ),
    remove: (event: ManualEvent) => change(() => del(`/api/admin/manual-events/${encodeURIComponent(event.id)}`), `Manual event ${event.name} was deleted.`),
    dismiss(): void {
      refusal.value = null;
    },
  };
}
