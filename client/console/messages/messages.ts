// Messages customers left while nobody in their group was online (GET /api/messages): the open
// ones or the handled ones, and how many are open for the nav. No socket reports new ones, so the
// count is fetched at sign-in, every minute, and whenever the Messages page is shown or changed.
import { signal } from '@preact/signals';
import { describeError, getJson, post, type OfflineMessage, type OfflineMessagesResponse } from '../../shared/api.ts';

/** How often the open count is fetched again while the console is open. */
export const MESSAGES_REFRESH_MS = 60_000;

export type MessageState = 'open' | 'handled';
export type MessagesModel = ReturnType<typeof createMessages>;

export function createMessages() {
  const state = signal<MessageState>('open');
  const list = signal<readonly OfflineMessage[]>([]);
  const loaded = signal(false);
  const openCount = signal<number | null>(null);
  const error = signal<string | null>(null);
  const busy = signal<string | null>(null);
  const announcement = signal('');
  let ticket = 0;

  function fail(failure: unknown): void {
    error.value = describeError(failure);
  }

  async function fetchState(which: MessageState): Promise<readonly OfflineMessage[]> {
    const { messages } = await getJson<OfflineMessagesResponse>(`/api/messages?state=${which}`);
    if (which === 'open') openCount.value = messages.length;
    return messages;
  }

  async function load(): Promise<void> {
    const mine = ++ticket;
    const which = state.value;
    try {
      const messages = await fetchState(which);
      if (mine === ticket) {
        list.value = messages;
        loaded.value = true;
      }
    } catch (failure) {
      if (mine === ticket) fail(failure);
    }
  }

  async function refreshCount(): Promise<void> {
    try {
      await fetchState('open');
    } catch {
      // A lost session (401) is handled once, in shared/api.ts: the console signs out.
    }
  }

  const timer = setInterval(() => void refreshCount(), MESSAGES_REFRESH_MS);
  void refreshCount();

  return {
    state,
    list,
    loaded,
    openCount,
    error,
    busy,
    announcement,
    load,
    show(which: MessageState): void {
      state.value = which;
      loaded.value = false;
      list.value = [];
      void load();
    },
    async markHandled(message: OfflineMessage): Promise<void> {
      if (busy.value !== null) return;
      busy.value = message.id;
      error.value = null;
      announcement.value = '';
      try {
        await post(`/api/messages/${encodeURIComponent(message.id)}/handled`);
        announcement.value = `The message from ${message.name} is marked handled.`;
      } catch (failure) {
        fail(failure);
      } finally {
        busy.value = null;
      }
      await load();
      if (state.value !== 'open') void refreshCount();
    },
    dismissError(): void {
      error.value = null;
    },
    dispose(): void {
      clearInterval(timer);
    },
  };
}
