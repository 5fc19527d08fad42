// The help-desk items made beside a chat (the seed's Add → New Ticket, New Task, New Call Log and
// Related Item): their kinds, states and limits, what a phone number must look like, and how an
// item is named in a list, a History line or a relation. One rule for the Worker's checks, the
// console's forms and the chat's History. Pure.

/** What a chat can be related to (and what can be related to a chat). */
export const ITEM_KINDS = ['ticket', 'task', 'call', 'chat'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const TICKET_STATUSES = ['open', 'pending', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
/**
 * A reply goes to the customer by email; a note stays with staff; a resolution (how the problem
 * was solved, which agent assistance suggests for similar chats) stays with staff like a note;
 * the conversation is the chat it came from.
 */
export const TICKET_ENTRY_KINDS = ['conversation', 'reply', 'note', 'resolution'] as const;
export type TicketEntryKind = (typeof TICKET_ENTRY_KINDS)[number];
/** What staff may add to a ticket's thread (the conversation comes only from a chat). */
export const NEW_TICKET_ENTRY_KINDS = ['reply', 'note', 'resolution'] as const satisfies readonly TicketEntryKind[];
export type NewTicketEntryKind = (typeof NEW_TICKET_ENTRY_KINDS)[number];

/** Whether an entry of this kind is sent to the customer. Only a reply ever is. */
export function reachesCustomer(kind: TicketEntryKind): boolean {
  switch (kind) {
    case 'reply':
      return true;
    case 'conversation':
    case 'note':
    case 'resolution':
      return false;
  }
}

/** How the ticket's thread heads an entry. */
export function entryHeading(entry: { kind: TicketEntryKind; authorName: string; emailedTo: string | null }): string {
  switch (entry.kind) {
    case 'conversation':
      return 'The chat';
    case 'reply':
      return `Reply by ${entry.authorName}, emailed to ${entry.emailedTo ?? ''}`;
    case 'note':
      return `Internal note by ${entry.authorName} · staff only`;
    case 'resolution':
      return `Resolution by ${entry.authorName} · staff only`;
  }
}
export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/** The words the console shows for each. */
export const TICKET_STATUS_LABELS: Readonly<Record<TicketStatus, string>> = { open: 'Open', pending: 'Pending', closed: 'Closed' };
export const PRIORITY_LABELS: Readonly<Record<TicketPriority, string>> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };
export const DIRECTION_LABELS: Readonly<Record<CallDirection, string>> = { inbound: 'Inbound', outbound: 'Outbound' };

export const MAX_SUBJECT_LENGTH = 200;
export const MAX_ENTRY_LENGTH = 20_000;
export const MAX_TASK_TITLE_LENGTH = 200;
export const MAX_DETAILS_LENGTH = 4000;
export const MAX_NAME_LENGTH = 200;
/** A call lasts at most a day (seconds). */
export const MAX_CALL_SECONDS = 24 * 60 * 60;
/** How far from now a due time or a call's start may be: a decade either way is a typo. */
export const MAX_ITEM_TIME_SPAN_MS = 10 * 366 * 24 * 60 * 60 * 1000;

/** Tickets are numbered from here, so a ticket's number never looks like a count. */
export const FIRST_TICKET_NUMBER = 1001;
export const FIRST_CALL_NUMBER = 5001;

/**
 * A phone number as people write it: an optional leading +, then digits with spaces, dots,
 * dashes or parentheses between them, 5 to 15 digits in all (E.164's most), and an optional
 * extension ("x123", "ext. 123").
 */
export function isPhoneNumber(text: string): boolean {
  const trimmed = text.trim();
  const [main, ...ext] = trimmed.split(/\s*(?:x|ext\.?)\s*/i);
  if (ext.length > 1 || (ext.length === 1 && !/^\d{1,6}$/.test(ext[0]!))) return false;
  if (!/^\+?[\d\s().-]+$/.test(main!) || /[\s().-]{3,}/.test(main!)) return false;
  const digits = main!.replace(/\D/g, '').length;
  return digits >= 5 && digits <= 15;
}

/** A ticket's or call's number as the console shows it: "#1042". */
export function itemNumber(n: number): string {
  return `#${n}`;
}

const KIND_NAMES: Record<ItemKind, string> = { ticket: 'Ticket', task: 'Task', call: 'Call log', chat: 'Chat' };

export function kindName(kind: ItemKind): string {
  return KIND_NAMES[kind];
}

/** A related item as every list and History line names it. */
export interface ItemRef {
  kind: ItemKind;
  id: string;
  /** "Ticket #1042: Refund for order 77" */
  label: string;
}

/** 125 s → "2 min 5 s". */
export function formatSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m === 0 ? `${s} s` : s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** A task is overdue when it is open and its due time has passed. */
export function isOverdue(task: { dueAt: number | null; doneAt: number | null }, now: number): boolean {
  return task.doneAt === null && task.dueAt !== null && task.dueAt <= now;
}
