// The console's Help Desk: the lists of tickets (My Tickets, a group's open tickets, All Tickets
// for managers and administrators), My Tasks (overdue first) and call logs (by group, or mine),
// sorted and paged by the server, and the item open beside them: a ticket with its thread (reply
// by email, internal note), status, related items and time logs; a task to mark done; a call log.
// Signals and actions only. No socket reports item changes: a list is fetched when shown, paged,
// sorted, and after each change made here.
import { computed, signal } from '@preact/signals';
import { DEFAULT_PAGE_SIZE } from '../../../objects/protocol.ts';
import type { ItemKind, TicketStatus } from '../../../objects/rules/items.ts';
import type {
  CallLog,
  CallLogEditBody,
  CallLogListResponse,
  CallLogResponse,
  Task,
  TaskEditBody,
  TaskListResponse,
  TaskResponse,
  Ticket,
  TicketEditBody,
  TicketEntryBody,
  TicketListResponse,
  TicketResponse,
  TicketSortKey,
} from '../../../worker/items/wire.ts';
import type { TimeLogBody } from '../../../worker/chats/wire.ts';
import { type ColleaguesResponse, describeError, getJson, patchJson, postJson } from '../../shared/api.ts';

/** What the desk says once an entry is stored (only a reply leaves for the customer). */
const ENTRY_ADDED: Record<TicketEntryBody['kind'], string> = {
  reply: 'Reply emailed to the customer.',
  note: 'Internal note added.',
  resolution: 'Resolution added (staff only).',
};

export type DeskView =
  | { kind: 'tickets'; view: 'mine' }
  | { kind: 'tickets'; view: 'group'; groupId: string }
  | { kind: 'tickets'; view: 'all'; status: TicketStatus | null }
  /** My Tasks (groupId null) or a group's. */
  | { kind: 'tasks'; state: 'open' | 'done'; groupId: string | null }
  | { kind: 'calls'; by: 'group'; groupId: string }
  /** An agent's call logs (agentId null: mine), in the groups I share with them. */
  | { kind: 'calls'; by: 'agent'; agentId: string | null; agentName?: string };

export type DeskRows = { kind: 'tickets'; rows: readonly Ticket[] } | { kind: 'tasks'; rows: readonly Task[] } | { kind: 'calls'; rows: readonly CallLog[] };
export type OpenItem = { kind: 'ticket'; data: TicketResponse } | { kind: 'task'; data: TaskResponse } | { kind: 'call'; data: CallLogResponse };

export const PAGE_SIZE = DEFAULT_PAGE_SIZE;

/** The list's address on the server. */
export function listPath(view: DeskView, sort: { key: TicketSortKey; dir: 'asc' | 'desc' }, offset: number): string {
  const page = `limit=${PAGE_SIZE}&offset=${offset}`;
  switch (view.kind) {
    case 'tickets': {
      const which = view.view === 'group' ? `view=group&group=${encodeURIComponent(view.groupId)}` : view.view === 'all' ? `view=all${view.status ? `&status=${view.status}` : ''}` : 'view=mine';
      return `/api/tickets?${which}&sort=${sort.key}&dir=${sort.dir}&${page}`;
    }
    case 'tasks':
      return `/api/tasks?${view.groupId === null ? 'view=mine' : `view=group&group=${encodeURIComponent(view.groupId)}`}&state=${view.state}&${page}`;
    case 'calls':
      return `/api/calls?${view.by === 'group' ? `view=group&group=${encodeURIComponent(view.groupId)}` : `view=agent${view.agentId === null ? '' : `&agent=${encodeURIComponent(view.agentId)}`}`}&${page}`;
  }
}

export function deskTitle(view: DeskView, groupName: (id: string) => string | undefined): string {
  switch (view.kind) {
    case 'tickets':
      return view.view === 'mine' ? 'My Tickets' : view.view === 'all' ? 'All Tickets' : `${groupName(view.groupId) ?? 'Group'}: Open Tickets`;
    case 'tasks': {
      const whose = view.groupId === null ? 'My Tasks' : `${groupName(view.groupId) ?? 'Group'}: Tasks`;
      return view.state === 'open' ? whose : `${whose}: Done`;
    }
    case 'calls':
      if (view.by === 'agent') return view.agentId === null ? 'My Call Logs' : `${view.agentName ?? 'Agent'}: Call Logs`;
      return `${groupName(view.groupId) ?? 'Group'}: Call Logs`;
  }
}

export type DeskModel = ReturnType<typeof createDesk>;

export function createDesk() {
  const view = signal<DeskView>({ kind: 'tickets', view: 'mine' });
  const sort = signal<{ key: TicketSortKey; dir: 'asc' | 'desc' }>({ key: 'updated', dir: 'desc' });
  const offset = signal(0);
  const list = signal<DeskRows>({ kind: 'tickets', rows: [] });
  const total = signal(0);
  const loading = signal(false);
  const error = signal<string | null>(null);
  const open = signal<OpenItem | null>(null);
  const openError = signal<string | null>(null);
  const busy = signal(false);
  const problem = signal<string | null>(null);
  const announcement = signal('');
  let listTicket = 0;

  async function load(): Promise<void> {
    const mine = ++listTicket;
    const current = view.value;
    loading.value = true;
    try {
      const path = listPath(current, sort.value, offset.value);
      const [rows, count]: [DeskRows, number] =
        current.kind === 'tickets'
          ? await getJson<TicketListResponse>(path).then((r) => [{ kind: 'tickets', rows: r.tickets }, r.total])
          : current.kind === 'tasks'
            ? await getJson<TaskListResponse>(path).then((r) => [{ kind: 'tasks', rows: r.tasks }, r.total])
            : await getJson<CallLogListResponse>(path).then((r) => [{ kind: 'calls', rows: r.calls }, r.total]);
      if (mine !== listTicket) return;
      // A change may have emptied the last page: go back to the one that is now last.
      if (rows.rows.length === 0 && count > 0 && offset.value >= count) {
        offset.value = Math.floor((count - 1) / PAGE_SIZE) * PAGE_SIZE;
        void load();
        return;
      }
      list.value = rows;
      total.value = count;
      error.value = null;
    } catch (failure) {
      if (mine === listTicket) error.value = describeError(failure);
    } finally {
      if (mine === listTicket) loading.value = false;
    }
  }

  let openTicket = 0;
  /** Opens an item; only the last one asked for is shown, whichever answer comes last. */
  async function openItem(kind: Exclude<ItemKind, 'chat'>, id: string): Promise<void> {
    const mine = ++openTicket;
    openError.value = null;
    problem.value = null;
    const path = `/api/${kind === 'call' ? 'calls' : `${kind}s`}/${encodeURIComponent(id)}`;
    try {
      const item: OpenItem =
        kind === 'ticket'
          ? { kind, data: await getJson<TicketResponse>(path) }
          : kind === 'task'
            ? { kind, data: await getJson<TaskResponse>(path) }
            : { kind, data: await getJson<CallLogResponse>(path) };
      if (mine === openTicket) open.value = item;
    } catch (failure) {
      if (mine !== openTicket) return;
      open.value = null;
      openError.value = describeError(failure);
    }
  }

  /** One change to the open item; the item and the list are fetched again after it. */
  async function change(call: () => Promise<unknown>, done: string): Promise<boolean> {
    const item = open.value;
    if (busy.value || item === null) return false;
    const asked = openTicket;
    busy.value = true;
    problem.value = null;
    announcement.value = '';
    try {
      await call();
      announcement.value = done;
      const id = item.kind === 'ticket' ? item.data.ticket.id : item.kind === 'task' ? item.data.task.id : item.data.call.id;
      // Fetched again unless another item was opened meanwhile.
      await Promise.all([openTicket === asked ? openItem(item.kind, id) : null, load()]);
      return true;
    } catch (failure) {
      problem.value = describeError(failure);
      return false;
    } finally {
      busy.value = false;
    }
  }

  async function colleagues(): Promise<{ id: string; name: string; groupIds: string[] }[]> {
    return (await getJson<ColleaguesResponse>('/api/agents')).agents;
  }

  const ticketPath = () => (open.value?.kind === 'ticket' ? `/api/tickets/${encodeURIComponent(open.value.data.ticket.id)}` : '');
  const taskPath = () => (open.value?.kind === 'task' ? `/api/tasks/${encodeURIComponent(open.value.data.task.id)}` : '');

  return {
    view,
    sort,
    offset,
    list,
    total,
    loading,
    error,
    open,
    openError,
    busy,
    problem,
    announcement,
    pageCount: computed(() => Math.max(1, Math.ceil(total.value / PAGE_SIZE))),
    load,
    show(next: DeskView): void {
      view.value = next;
      offset.value = 0;
      list.value = { kind: next.kind, rows: [] } as DeskRows;
      void load();
    },
    sortBy(key: TicketSortKey): void {
      const current = sort.value;
      sort.value = { key, dir: current.key === key && current.dir === 'desc' ? 'asc' : 'desc' };
      offset.value = 0;
      void load();
    },
    page(step: 1 | -1): void {
      const next = offset.value + step * PAGE_SIZE;
      if (next < 0 || next >= total.value) return;
      offset.value = next;
      void load();
    },
    openItem,
    closeItem(): void {
      openTicket++;
      open.value = null;
      openError.value = null;
    },
    addEntry: (body: TicketEntryBody) => change(() => postJson(`${ticketPath()}/entries`, body), ENTRY_ADDED[body.kind]),
    editTicket: (body: TicketEditBody) => change(() => patchJson(ticketPath(), body), 'Ticket saved.'),
    logTicketTime: (body: TimeLogBody) => change(() => postJson(`${ticketPath()}/time-logs`, body), 'Time logged.'),
    editTask: (body: TaskEditBody) => change(() => patchJson(taskPath(), body), body.done === true ? 'Task done.' : 'Task saved.'),
    editCall: (body: CallLogEditBody) =>
      change(() => patchJson(open.value?.kind === 'call' ? `/api/calls/${encodeURIComponent(open.value.data.call.id)}` : '', body), 'Call log saved.'),
    /** Who a task of the group may be given to (the group's members), for the task's form. */
    async membersOf(groupId: string): Promise<{ id: string; name: string }[]> {
      return (await colleagues()).filter((a) => a.groupIds.includes(groupId)).map((a) => ({ id: a.id, name: a.name }));
    },
    /** Everyone in my groups, for the call logs' agent picker. */
    colleagues,
  };
}
