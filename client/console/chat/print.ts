// A chat's print view (the seed's Print), printed by staff for staff: its transcript from GET
// /api/chats/:id/transcript, with the header fields, the chat's custom fields under their labels,
// its time-log total and its related items (tickets, tasks, call logs, chats; if they cannot be
// read the printout says so and prints the rest). The conversation holds what the customer saw:
// staff-only events (coaching, follow-ups, surveys, comments) stay on screen, in the History tab.
import { signal } from '@preact/signals';
import type { ChatEvent } from '../../../objects/protocol.ts';
import { describeError, getJson, type TranscriptResponse } from '../../shared/api.ts';
import { loadFieldDefinitions } from './field-definitions.ts';
import type { RelatedItem, RelatedResponse } from '../../../worker/items/wire.ts';

export type PrintState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; transcript: TranscriptResponse; printed: ChatEvent[]; fieldLabels: Record<string, string>; related: RelatedItem[] | null };

export type PrintModel = ReturnType<typeof createPrint>;

export function createPrint(chatId: string) {
  const state = signal<PrintState>({ status: 'loading' });
  const id = encodeURIComponent(chatId);
  Promise.all([getJson<TranscriptResponse>(`/api/chats/${id}/transcript`), loadFieldDefinitions(), getJson<RelatedResponse>(`/api/related/chat/${id}`).then((r) => r.related, () => null)]).then(
    ([transcript, defs, related]) => {
      const fieldLabels = Object.fromEntries(defs.map((d) => [d.key, d.label]));
      state.value = { status: 'ready', transcript, printed: transcript.events.filter((e) => e.audience === 'all'), fieldLabels, related };
    },
    (error: unknown) => {
      state.value = { status: 'failed', message: describeError(error) };
    },
  );
  return { chatId, state };
}
