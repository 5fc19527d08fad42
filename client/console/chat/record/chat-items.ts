// The help-desk items beside an open chat (the seed's Add → Related Item, New Task, New Ticket,
// New Call Log, and the Related Items tab): what is related to the chat, read from
// `/api/related/chat/<id>` when the chat opens and again whenever its log says something was
// related or unrelated (a `related` event, from this console or another); making an item from the
// chat; relating an existing one found by number, subject or customer; unrelating.
import { effect, signal, type ReadonlySignal } from '@preact/signals';
import type { CallLogResponse, FoundItemsResponse, NewCallLogBody, NewTaskBody, NewTicketBody, RelatedItem, RelatedResponse, TaskResponse, TicketResponse } from '../../../../worker/items/wire.ts';
import type { ItemKind } from '../../../../objects/rules/items.ts';
import { del, describeError, getJson, postJson } from '../../../shared/api.ts';

export type ChatItems = ReturnType<typeof createChatItems>;

export function createChatItems(chatId: string, relatedEvents: ReadonlySignal<number>) {
  const base = `/api/related/chat/${encodeURIComponent(chatId)}`;
  const related = signal<readonly RelatedItem[]>([]);
  const loadError = signal<string | null>(null);
  const busy = signal(false);
  const problem = signal<string | null>(null);
  let ticket = 0;

  async function load(): Promise<void> {
    const mine = ++ticket;
    try {
      const answer = await getJson<RelatedResponse>(base);
      if (mine === ticket) {
        related.value = answer.related;
        loadError.value = null;
      }
    } catch (error) {
      if (mine === ticket) loadError.value = describeError(error);
    }
  }

  // On open, and whenever the log gains a `related` event.
  const stop = effect(() => {
    void relatedEvents.value;
    void load();
  });

  /** Runs one request; true when done, else the refusal is in `problem`. */
  async function run(call: () => Promise<unknown>): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    problem.value = null;
    try {
      await call();
      void load();
      return true;
    } catch (error) {
      problem.value = describeError(error);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return {
    related,
    loadError,
    busy,
    problem,
    reload: load,
    createTicket: (body: Omit<NewTicketBody, 'chatId'>) => run(() => postJson<TicketResponse>('/api/tickets', { ...body, chatId } satisfies NewTicketBody)),
    createTask: (body: Omit<NewTaskBody, 'chatId'>) => run(() => postJson<TaskResponse>('/api/tasks', { ...body, chatId } satisfies NewTaskBody)),
    createCallLog: (body: Omit<NewCallLogBody, 'chatId'>) => run(() => postJson<CallLogResponse>('/api/calls', { ...body, chatId } satisfies NewCallLogBody)),
    relate: (item: { kind: ItemKind; id: string }) => run(() => postJson<RelatedResponse>(base, { kind: item.kind, id: item.id })),
    async unrelate(item: { kind: ItemKind; id: string }): Promise<string | null> {
      const ok = await run(() => del(`${base}/${item.kind}/${encodeURIComponent(item.id)}`));
      return ok ? null : problem.value;
    },
    /** Items one may relate, for the Related Item dialog's search. */
    async find(query: string): Promise<RelatedItem[]> {
      const params = new URLSearchParams({ q: query, kinds: 'ticket,call,chat' });
      const { items } = await getJson<FoundItemsResponse>(`/api/related/find?${params}`);
      return items.filter((i) => !(i.kind === 'chat' && i.id === chatId));
    },
    clearProblem(): void {
      problem.value = null;
    },
    dispose(): void {
      stop();
    },
  };
}
