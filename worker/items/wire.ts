// The bodies of the help-desk item routes (tickets, tasks, call logs, related items), defined once:
// routes check what they send with `satisfies`, the console imports these types.
import type { TimeLog } from '../../objects/protocol.ts';
import type { CallDirection, ItemKind, ItemRef, NewTicketEntryKind, TicketEntryKind, TicketPriority, TicketStatus } from '../../objects/rules/items.ts';

export type { ItemRef } from '../../objects/rules/items.ts';

export interface Ticket {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  groupId: string;
  groupName: string;
  agentId: string | null;
  agentName: string | null;
  customerName: string;
  customerEmail: string;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
}

export interface TicketEntry {
  id: string;
  kind: TicketEntryKind;
  authorId: string;
  authorName: string;
  text: string;
  emailedTo: string | null;
  createdAt: number;
}

export interface Task {
  id: string;
  title: string;
  details: string;
  dueAt: number | null;
  groupId: string;
  groupName: string;
  assigneeId: string;
  assigneeName: string;
  createdAt: number;
  doneAt: number | null;
}

export interface CallLog {
  id: string;
  number: number;
  customerName: string;
  customerEmail: string;
  phone: string;
  direction: CallDirection;
  startedAt: number;
  durationSeconds: number;
  groupId: string;
  groupName: string;
  agentId: string;
  agentName: string;
  notes: string;
  createdAt: number;
}

/** A related item as lists show it: what it is, and a word on where it stands. */
export interface RelatedItem extends ItemRef {
  /** The item's state in a word: a ticket's status, a task's open/overdue/done, a call's direction, a chat's status. */
  state: string;
  /** When the relation was made (in `find` results: the item's last change, call or start). */
  relatedAt: number;
}

export type TicketSortKey = 'number' | 'subject' | 'status' | 'priority' | 'customer' | 'agent' | 'updated' | 'created';
export interface TicketListResponse {
  tickets: Ticket[];
  total: number;
}
export interface TicketResponse {
  ticket: Ticket;
  entries: TicketEntry[];
  related: RelatedItem[];
  timeLogs: TimeLog[];
  total: { all: number; billable: number };
}
export interface TicketEntryResponse {
  entry: TicketEntry;
}

export interface TaskListResponse {
  tasks: Task[];
  total: number;
}
export interface TaskResponse {
  task: Task;
  related: RelatedItem[];
}

export interface CallLogListResponse {
  calls: CallLog[];
  total: number;
}
export interface CallLogResponse {
  call: CallLog;
  related: RelatedItem[];
}

export interface RelatedResponse {
  related: RelatedItem[];
}
/** `GET /api/items/find`: items one may relate, found by number, subject or customer. */
export interface FoundItemsResponse {
  items: RelatedItem[];
}

/** Bodies the console sends. */
export interface NewTicketBody {
  subject: string;
  priority?: TicketPriority;
  groupId?: string;
  agentId?: string | null;
  customerName?: string;
  customerEmail?: string;
  /** A first note, when the ticket is not made from a chat. */
  text?: string;
  chatId?: string;
  /** Started from a call log: in its group, for its customer, related to it. */
  callId?: string;
}
/** `POST /api/tickets/:id/merge`: the ticket merged into this one (then closed). */
export interface TicketMergeBody {
  ticketId: string;
}
export interface TicketEditBody {
  subject?: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  agentId?: string | null;
}
/** `POST /api/tickets/:id/entries`: a reply is emailed to the customer; a note or a resolution stays with staff. */
export interface TicketEntryBody {
  kind: NewTicketEntryKind;
  text: string;
}
export interface NewTaskBody {
  title: string;
  details?: string;
  dueAt?: number | null;
  groupId?: string;
  assigneeId?: string;
  chatId?: string;
}
export interface TaskEditBody {
  title?: string;
  details?: string;
  dueAt?: number | null;
  assigneeId?: string;
  done?: boolean;
}
export interface NewCallLogBody {
  customerName?: string;
  customerEmail?: string;
  phone: string;
  direction: CallDirection;
  startedAt: number;
  durationSeconds: number;
  groupId?: string;
  notes?: string;
  chatId?: string;
}
export interface CallLogEditBody {
  notes?: string;
  phone?: string;
  durationSeconds?: number;
}
export interface RelateBody {
  kind: ItemKind;
  id: string;
}
