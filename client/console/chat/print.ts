// A chat's print view (the seed's Print): its transcript from GET /api/chats/:id/transcript, with
// the header fields and the chat's custom fields under their labels. The printout holds what the customer saw: staff-only events (coaching,
// follow-ups, surveys) stay on screen, in the History tab, and are left off paper.
import { signal } from '@preact/signals';
import type { ChatEvent } from '../../../objects/protocol.ts';
import { describeError, getJson, type TranscriptResponse } from '../../shared/api.ts';
import { loadFieldDefinitions } from './field-definitions.ts';

export type PrintState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; transcript: TranscriptResponse; printed: ChatEvent[]; fieldLabels: Record<string, string> };

export type PrintModel = ReturnType<typeof createPrint>;

export function createPrint(chatId: string) {
  const state = signal<PrintState>({ status: 'loading' });
  Promise.all([getJson<TranscriptResponse>(`/api/chats/${encodeURIComponent(chatId)}/transcript`), loadFieldDefinitions()]).then(
    ([transcript, defs]) => {
      const fieldLabels = Object.fromEntries(defs.map((d) => [d.key, d.label]));
      state.value = { status: 'ready', transcript, printed: transcript.events.filter((e) => e.audience === 'all'), fieldLabels };
    },
    (error: unknown) => {
      state.value = { status: 'failed', message: describeError(error) };
    },
  );
  return { chatId, state };
}
