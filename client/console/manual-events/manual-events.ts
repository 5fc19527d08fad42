// Manual events in the console, as signals and actions (no DOM): for the open chat, the events
// its Actions (…) menu offers (read from /api/chats/<id>/manual-events when the chat opens, when
// it moves to another group and each time the menu is opened) and running one; for a list, the
// events its Actions (…) menu offers for the checked chats (those usable in every checked chat's
// group; read when the list shows and each time the menu is opened) and running one on all of
// them. A read that fails keeps what was offered before (not a group's the chat has left) and is
// said in the menu, above what it still offers. What a run did is kept as a report to show,
// action by action. The server decides who may run what at the moment of the run; a menu is only
// what it offered.
import type { BulkRunBody, BulkRunResponse, ManualEventRun, RunnableEvent, RunnableEventsResponse, RunResponse } from '../../../worker/manual-events/wire.ts';
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { ChatListRow } from '../../../objects/protocol.ts';
import { describeError, getJson, postJson } from '../../shared/api.ts';

/** One chat's part of a report: what each action did there, or why the run did not start. */
export interface RunLine {
  chatId: string;
  /** Whom the chat is with (the list's name for it). */
  name: string;
  /** The run's outcomes, or null when the run was refused there (`refusal` says why). */
  run: ManualEventRun | null;
  refusal: string | null;
}

export interface RunReport {
  eventName: string;
  lines: RunLine[];
  /** The whole request was refused (nothing ran). */
  error: string | null;
}

/** How many actions of a report failed, over every chat it ran on. */
export function failures(report: RunReport): number {
  return report.lines.reduce((n, l) => n + (l.run ? l.run.outcomes.filter((o) => !o.ok).length : 1), 0);
}

/** The events usable on every one of these chats (each chat's group among the event's). */
export function usableOnAll(events: readonly RunnableEvent[], chats: readonly Pick<ChatListRow, 'groupId'>[]): RunnableEvent[] {
  if (chats.length === 0) return [];
  return events.filter((e) => chats.every((c) => e.groupIds.includes(c.groupId)));
}

export type ChatManualEvents = ReturnType<typeof createChatManualEvents>;

/** The open chat's events; `groupId` is the chat's group as its socket says (null until it has). */
export function createChatManualEvents(chatId: string, groupId: ReadonlySignal<string | null>, visitorName: ReadonlySignal<string>) {
  const path = `/api/chats/${encodeURIComponent(chatId)}/manual-events`;
  const events = signal<readonly RunnableEvent[]>([]);
  const loaded = signal(false);
  /** The last load failed: the menu says so rather than "none available" (opening it tries again). */
  const failed = signal(false);
  const running = signal<string | null>(null);
  const report = signal<RunReport | null>(null);
  let ticket = 0;

  async function load(): Promise<void> {
    const mine = ++ticket;
    try {
      const answer = await getJson<RunnableEventsResponse>(path);
      if (mine === ticket) {
        events.value = answer.events;
        failed.value = false;
      }
    } catch {
      if (mine === ticket) failed.value = true;
    } finally {
      if (mine === ticket) loaded.value = true;
    }
  }

  // On open, and when the chat moves to another group: other events apply there, and those of the
  // group it left are not offered meanwhile (nor kept if that read fails).
  let readFor: string | null = null;
  const stop = effect(() => {
    const group = groupId.value;
    if (group === null) return;
    if (readFor !== null && readFor !== group) events.value = [];
    readFor = group;
    void load();
  });

  return {
    events,
    loaded,
    failed,
    running,
    report,
    /** The menu was opened: what it offers is read again (an administrator may have changed it). */
    refresh(): void {
      if (groupId.value !== null) void load();
    },
    async run(event: RunnableEvent): Promise<void> {
      if (running.value !== null) return;
      running.value = event.id;
      report.value = null;
      try {
        const { run } = await postJson<RunResponse>(`${path}/${encodeURIComponent(event.id)}/run`);
        report.value = { eventName: event.name, lines: [{ chatId, name: visitorName.value, run, refusal: null }], error: null };
      } catch (error) {
        report.value = { eventName: event.name, lines: [], error: describeError(error) };
      } finally {
        running.value = null;
        void load();
      }
    },
    dismiss(): void {
      report.value = null;
    },
    dispose(): void {
      stop();
    },
  };
}

export type ListManualEvents = ReturnType<typeof createListManualEvents>;

/** A list's events: every event the caller may run somewhere, narrowed to the checked chats. */
export function createListManualEvents(selection: ReadonlySignal<readonly ChatListRow[]>) {
  const all = signal<readonly RunnableEvent[]>([]);
  /** As the chat's: the last load failed, and the menu says so. */
  const failed = signal(false);
  const running = signal<string | null>(null);
  const report = signal<RunReport | null>(null);
  const usable = computed(() => usableOnAll(all.value, selection.value));
  let ticket = 0;

  async function load(): Promise<void> {
    const mine = ++ticket;
    try {
      const events = (await getJson<RunnableEventsResponse>('/api/manual-events')).events;
      if (mine === ticket) {
        all.value = events;
        failed.value = false;
      }
    } catch {
      if (mine === ticket) failed.value = true;
    }
  }

  return {
    usable,
    failed,
    running,
    report,
    load,
    async run(event: RunnableEvent): Promise<void> {
      const rows = selection.value;
      if (running.value !== null || rows.length === 0) return;
      running.value = event.id;
      report.value = null;
      const nameOf = (id: string) => rows.find((r) => r.id === id)?.visitorName ?? id;
      try {
        const body: BulkRunBody = { chatIds: rows.map((r) => r.id) };
        const { results } = await postJson<BulkRunResponse>(`/api/bulk/manual-events/${encodeURIComponent(event.id)}/run`, body);
        const lines = results.map((r) => ({ chatId: r.chatId, name: nameOf(r.chatId), run: r.ok ? r.run : null, refusal: r.ok ? null : r.message }));
        report.value = { eventName: event.name, lines, error: null };
      } catch (error) {
        report.value = { eventName: event.name, lines: [], error: describeError(error) };
      } finally {
        running.value = null;
      }
    },
    dismiss(): void {
      report.value = null;
    },
  };
}
