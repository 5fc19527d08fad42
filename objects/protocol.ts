// The wire protocol between a chat's Durable Object and its clients, defined once and imported by
// the object, the worker and both Preact clients. One discriminated union per direction; frames
// from clients are validated here with zod/mini (small enough for the widget bundle).
// This file imports nothing from `cloudflare:*` or `node:*` so it runs under Deno too.
import * as z from 'zod/mini';
import { isValidText } from './rules/text.ts';
import type { ItemRef } from './rules/items.ts';

/** The longest message text a client may send (characters). */
export const MAX_TEXT_LENGTH = 4000;
/** The longest client-generated message id. */
export const MAX_CLIENT_ID_LENGTH = 64;
/** The shortest password an administrator may set (console and command line). */
export const MIN_PASSWORD_LENGTH = 10;
/** How many chats an agent may hold at once unless an administrator says otherwise. */
export const DEFAULT_MAX_CHATS = 5;

/** The chat list's columns (the seed's, less the checkbox), each of which a person can sort by. */
export const COLUMN_IDS = ['status', 'user', 'group', 'started', 'queueTime', 'idle', 'messages', 'agent'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];
/** Sorts: every column, and when a chat ended (My Completed lists the latest first). */
export const SORT_KEYS = [...COLUMN_IDS, 'ended'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
/** Column widths a person may choose (Visible Fields), in pixels. */
export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 600;
/** One page of a chat list: the default, and the most one request may ask for. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export type Role = 'visitor' | 'agent';
/** A staff member's standing: managers and administrators may act on others' chats. */
export type StaffRank = 'agent' | 'manager' | 'admin';
export const STAFF_RANKS: readonly StaffRank[] = ['agent', 'manager', 'admin'];
/** Who may see an event: everyone in the chat, or staff only (coaching, internal events). */
export type Audience = 'all' | 'staff';
export type ChatStatus = 'queued' | 'active' | 'ended';
/**
 * A chat's severity as the list shows it (the seed's status colours): none = grey (no idle issue),
 * normal = green (active, normal idle), warning = yellow (idle warning), high = red (high idle
 * warning), closed = red (ended).
 */
export type IdleLevel = 'none' | 'normal' | 'warning' | 'high' | 'closed';
export const IDLE_LEVELS: readonly IdleLevel[] = ['none', 'normal', 'warning', 'high', 'closed'];

export interface Person {
  role: Role;
  /** Agent id, or the chat id for the visitor. */
  id: string;
  name: string;
}

interface EventBase {
  /** The chat's own sequence number: 1, 2, 3… with no gaps. */
  seq: number;
  /** Milliseconds since the epoch, from the object's clock. */
  at: number;
}

/** A file sent in a chat. */
export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedBy: Role;
}

/** Where a transfer sends a chat: another group's queue, or straight to an agent. */
export type TransferTarget =
  | { kind: 'group'; groupId: string; groupName: string }
  | { kind: 'agent'; agent: Person };

/**
 * The seed's comment types. All are staff only. Sticky is pinned at the top of the chat view;
 * Transfer is written for whoever receives a transfer; Follow-Up carries the follow-up's due time;
 * Resolution says how the problem was solved (agent assistance suggests it for similar chats).
 */
export const COMMENT_KINDS = ['general', 'resolution', 'transfer', 'follow-up', 'sticky'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];
/** The longest comment (characters). */
export const MAX_COMMENT_LENGTH = 4000;

/** A comment as it stands now (objects/chat/comments.ts folds it from its events). */
export interface ChatComment {
  id: string;
  kind: CommentKind;
  text: string;
  by: Person;
  at: number;
  /** Who last changed the text, and when (null if never edited). */
  editedBy: Person | null;
  editedAt: number | null;
  /** A Follow-Up comment's due time. */
  dueAt: number | null;
  /** A Transfer comment: where the chat was sent. */
  forTarget: TransferTarget | null;
}

/** The most minutes one time log may hold (a working week). */
export const MAX_TIME_LOG_MINUTES = 5 * 24 * 60;
/** The longest note on a time log. */
export const MAX_TIME_LOG_NOTE = 1000;

/** Time spent on a chat (the seed's New Time Log), as it stands (objects/rules/time-logs.ts folds it). */
export interface TimeLog {
  id: string;
  by: Person;
  /** When the work was done (ms since the epoch). */
  at: number;
  minutes: number;
  note: string;
  billable: boolean;
}

/** One custom field that staff changed: its value before and after ('' = empty). */
export interface FieldChange {
  key: string;
  from: string;
  to: string;
}

/**
 * The kinds of action a manual event runs, in the order an administrator lists them
 * (objects/rules/manual-events.ts defines, checks and fills them).
 */
export const MANUAL_ACTION_KINDS = ['add-comment', 'set-field', 'transfer', 'follow-up', 'end-chat', 'send-email', 'webhook'] as const;
export type ManualActionKind = (typeof MANUAL_ACTION_KINDS)[number];

/** What one action of a manual event did on a chat: done, or failed and why. */
export interface ManualEventOutcome {
  action: ManualActionKind;
  ok: boolean;
  /** What it did ("Transferred to Billing") or why it failed ("Only the assigned agent…"). */
  detail: string;
}

export type ChatEvent =
  | (EventBase & { kind: 'queued'; audience: 'all'; groupId: string; groupName: string; visitor: Person })
  | (EventBase & { kind: 'message'; audience: 'all'; clientId: string; from: Person; text: string })
  | (EventBase & { kind: 'coaching'; audience: 'staff'; clientId: string; from: Person; text: string })
  | (EventBase & { kind: 'taken'; audience: 'all'; agent: Person; fromAgent: Person | null })
  | (EventBase & { kind: 'ended'; audience: 'all'; by: Person })
  | (EventBase & {
      kind: 'transferred';
      audience: 'all';
      by: Person;
      fromGroupName: string;
      fromAgent: Person | null;
      to: TransferTarget;
    })
  /** A member of staff joined the conversation openly (barge-in): the customer sees them. */
  | (EventBase & { kind: 'joined'; audience: 'all'; person: Person })
  /** A file was sent in the chat (the bytes are in R2; fetch them through the chat's files route). */
  | (EventBase & { kind: 'file'; audience: 'all'; from: Person; file: Attachment })
  /** The customer's post-chat survey. Staff only: the agent's chat view shows it. */
  | (EventBase & { kind: 'survey'; audience: 'staff'; rating: number; comment: string })
  /** A follow-up was scheduled (dueAt) or cleared (null). Staff only. */
  | (EventBase & { kind: 'follow-up'; audience: 'staff'; by: Person; dueAt: number | null })
  /** A comment was added (staff only, like every trace of comments). */
  | (EventBase & {
      kind: 'comment';
      audience: 'staff';
      commentId: string;
      commentKind: CommentKind;
      by: Person;
      text: string;
      dueAt: number | null;
      forTarget: TransferTarget | null;
    })
  | (EventBase & { kind: 'comment-edited'; audience: 'staff'; commentId: string; by: Person; text: string })
  | (EventBase & { kind: 'comment-deleted'; audience: 'staff'; commentId: string; by: Person })
  /** Time was logged on the chat (staff only), or a time log removed. */
  | (EventBase & { kind: 'time-logged'; audience: 'staff'; timeLog: TimeLog })
  | (EventBase & { kind: 'time-log-deleted'; audience: 'staff'; timeLogId: string; by: Person })
  /** Staff changed custom fields (the new values are in the staff snapshot's `fields`). */
  | (EventBase & { kind: 'fields-edited'; audience: 'staff'; by: Person; changes: FieldChange[] })
  /** A ticket, task, call log or chat was related to this chat (or made from it), or unrelated. Staff only. */
  | (EventBase & { kind: 'related'; audience: 'staff'; by: Person; item: ItemRef; change: 'added' | 'removed' })
  /** A manual event ran on the chat: each action's outcome, in order (staff only, like the record). */
  | (EventBase & { kind: 'manual-event'; audience: 'staff'; by: Person; runId: string; eventId: string; name: string; outcomes: ManualEventOutcome[] })
  /** A manual event's webhook was answered 2xx (`status`) after `attempts` tries. Staff only. */
  | (EventBase & { kind: 'webhook-delivered'; audience: 'staff'; runId: string; deliveryId: string; name: string; url: string; attempts: number; status: number })
  /** A manual event's webhook failed its last try; `reason` is the last failure. Staff only. */
  | (EventBase & { kind: 'webhook-failed'; audience: 'staff'; runId: string; deliveryId: string; name: string; url: string; attempts: number; reason: string });

export type ChatEventKind = ChatEvent['kind'];

/** An event before the object has given it a sequence number. */
export type EventDraft = ChatEvent extends infer E ? (E extends ChatEvent ? Omit<E, 'seq'> : never) : never;

/** What any participant may know about the chat as a whole. */
export interface ChatSnapshot {
  id: string;
  status: ChatStatus;
  groupId: string;
  groupName: string;
  visitor: Person;
  agent: Person | null;
  startedAt: number;
  takenAt: number | null;
  endedAt: number | null;
  /** Staff who joined the conversation openly and are still in it (a take or a transfer clears them). */
  joined: Person[];
  /** When a follow-up is due, if one is scheduled. Staff only: always null in a visitor's snapshot. */
  followUpAt: number | null;
  /** The chat's custom fields (pre-chat answers and staff's edits). Staff only: empty for a visitor. */
  fields: Record<string, string>;
}

// ---- client → server -------------------------------------------------------------------------

function clientFrameSchema() {
  const clientId = z.string().check(z.minLength(1), z.maxLength(MAX_CLIENT_ID_LENGTH));
  const text = z.string().check(z.minLength(1), z.maxLength(MAX_TEXT_LENGTH));
  /**
   * The client's first transmission of this id (never a resend): stored without looking the id
   * up among the sender's earlier ones. A resend omits it; a client that marked a resend `first`
   * would have it stored twice.
   */
  const first = z.optional(z.literal(true));
  return z.discriminatedUnion('type', [
    /** A customer-visible message. Resending the same id returns the stored event. */
    z.object({ type: z.literal('send'), id: clientId, text, first }),
    /** A staff-only coaching line. Refused on a visitor's socket. */
    z.object({ type: z.literal('coach'), id: clientId, text, first }),
    /** The agent pulls the chat from the queue; refused if someone already has it. */
    z.object({ type: z.literal('take') }),
    /** A manager or administrator takes the chat over from the agent who has it. */
    z.object({ type: z.literal('take-over') }),
    /** A coach joins the conversation openly (barge-in). */
    z.object({ type: z.literal('join') }),
    /** Either side ends the chat. */
    z.object({ type: z.literal('end') }),
    /**
     * What the sender is typing now ('' = stopped). Never stored. A visitor's draft is shown to
     * staff as it stands (`draft`); staff's text is never passed on: the customer and colleagues
     * only hear that they are typing (`typing`). Throttled per socket (objects/chat/typing.ts).
     */
    z.object({ type: z.literal('typing'), draft: z.string().check(z.maxLength(MAX_TEXT_LENGTH)) }),
    /** Keep-alive; answered with `pong` (auto-response, does not wake the object). */
    z.object({ type: z.literal('ping') }),
  ]);
}
/** Built by a function marked pure, so a client that only needs a constant does not ship zod. */
export const ClientFrameSchema = /* @__PURE__ */ clientFrameSchema();
export type ClientFrame = z.infer<typeof ClientFrameSchema>;
export type ClientFrameType = ClientFrame['type'];
export const CLIENT_FRAME_TYPES: readonly ClientFrameType[] = ['send', 'coach', 'take', 'take-over', 'join', 'end', 'typing', 'ping'];

// ---- server → client -------------------------------------------------------------------------

export type ErrorCode =
  | 'bad_json'
  | 'unknown_type'
  | 'invalid_frame'
  | 'text_too_long'
  | 'not_allowed'
  | 'not_active'
  | 'not_assigned'
  | 'already_taken'
  | 'already_yours'
  | 'chat_ended'
  | 'agent_at_capacity'
  | 'already_open'
  | 'not_open'
  | 'not_ended'
  | 'no_change'
  | 'duplicate'
  | 'already_rated'
  /** No comment with that id in this chat (or it was deleted). */
  | 'no_such_comment'
  /** No time log with that id in this chat (or it was deleted). */
  | 'no_such_time_log'
  /** Text that is not valid Unicode (invalid UTF-8 on the wire, or lone surrogates). */
  | 'invalid_text'
  /** The socket sent more than its rate allows; the frame was not stored, the socket stays open. */
  | 'rate_limited';

export type ServerFrame =
  /** First frame on every socket: who you are and the chat as it stands. */
  | { type: 'welcome'; role: Role; you: Person; chat: ChatSnapshot; lastSeq: number }
  /** One event of the log. Replayed events (after=N) arrive as these too, in order, before `synced`. */
  | { type: 'event'; event: ChatEvent }
  /**
   * A resent message (same client id) was already stored as event `seq`: nothing new was stored.
   * The event itself reached this client in the live stream or reaches it in the replay, once.
   */
  | { type: 'ack'; id: string; seq: number }
  /** The replay is complete; everything up to `lastSeq` has been sent. */
  | { type: 'synced'; lastSeq: number }
  /** The chat's status or assignment changed (sent with the event that changed it). */
  | { type: 'chat'; chat: ChatSnapshot }
  /** While queued: how many chats are ahead in the group's queue, plus one (1 = next). */
  | { type: 'queue'; position: number }
  /** Staff only: who on staff has this chat open right now (monitoring, coaching or assigned). */
  | { type: 'viewers'; viewers: Person[] }
  /** Someone else in the chat started (active) or stopped typing. Carries no text. */
  | { type: 'typing'; from: Person; active: boolean }
  /** Staff only: the customer's unsent draft as it stands ('' when cleared). Never stored. */
  | { type: 'draft'; text: string }
  | { type: 'error'; code: ErrorCode; message: string; id?: string }
  | { type: 'pong' };

export type ServerFrameType = ServerFrame['type'];

/**
 * A chat's WebSocket message carries one server frame, or several as a JSON array of frames
 * (objects/outbox.ts sends what a burst of events produced together). Frames are JSON text
 * already: they are joined, never parsed again.
 */
export function encodeFrames(frames: readonly string[]): string {
  return frames.length === 1 ? frames[0]! : `[${frames.join(',')}]`;
}

/** The frames of one WebSocket message from a chat, in order; none if it is not JSON. Never throws. */
export function decodeFrames(raw: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  return Array.isArray(data) ? data : [data];
}

// ---- parsing ---------------------------------------------------------------------------------

export type ParseResult =
  | { ok: true; frame: ClientFrame }
  | { ok: false; code: ErrorCode; message: string; id?: string };

/** Parses one WebSocket frame from a client. Never throws. */
export function parseClientFrame(raw: string | ArrayBuffer): ParseResult {
  if (typeof raw !== 'string') return { ok: false, code: 'invalid_frame', message: 'Frames must be text.' };
  // A frame far beyond the largest valid one is refused before parsing it.
  if (raw.length > MAX_TEXT_LENGTH * 8 + 1024) {
    return { ok: false, code: 'text_too_long', message: `Text is limited to ${MAX_TEXT_LENGTH} characters.` };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'bad_json', message: 'The frame is not valid JSON.' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, code: 'invalid_frame', message: 'A frame must be a JSON object.' };
  }
  const type = (data as { type?: unknown }).type;
  const id = typeof (data as { id?: unknown }).id === 'string' ? (data as { id: string }).id : undefined;
  if (typeof type !== 'string' || !(CLIENT_FRAME_TYPES as readonly string[]).includes(type)) {
    return { ok: false, code: 'unknown_type', message: `Unknown frame type: ${String(type).slice(0, 40)}.` };
  }
  // The hot path: a well-formed message or coaching line is checked by hand, exactly as the schema
  // checks it (a fresh object, other keys dropped); only a frame the schema must explain goes to
  // zod (measured: zod was about 6% of a chat's CPU per message).
  if (type === 'send' || type === 'coach') {
    const { text, first } = data as { text?: unknown; first?: unknown };
    const valid = id !== undefined && id.length >= 1 && id.length <= MAX_CLIENT_ID_LENGTH && typeof text === 'string' && text.length >= 1 && text.length <= MAX_TEXT_LENGTH;
    if (valid && (first === undefined || first === true)) {
      if (!isValidText(text)) return { ok: false, code: 'invalid_text', message: 'The text is not valid UTF-8.', id };
      return { ok: true, frame: first ? { type, id, text, first } : { type, id, text } };
    }
  }
  if (type === 'typing') {
    const draft = (data as { draft?: unknown }).draft;
    if (typeof draft === 'string' && draft.length <= MAX_TEXT_LENGTH) {
      if (!isValidText(draft)) return { ok: false, code: 'invalid_text', message: 'The text is not valid UTF-8.' };
      return { ok: true, frame: { type, draft } };
    }
  }
  const parsed = ClientFrameSchema.safeParse(data);
  if (parsed.success) {
    const frame = parsed.data;
    if ('text' in frame && !isValidText(frame.text)) {
      return { ok: false, code: 'invalid_text', message: 'The text is not valid UTF-8.', id };
    }
    return { ok: true, frame };
  }
  const tooLong = parsed.error.issues.some((i) => i.code === 'too_big' && (i.path[0] === 'text' || i.path[0] === 'draft'));
  if (tooLong) {
    return { ok: false, code: 'text_too_long', message: `Text is limited to ${MAX_TEXT_LENGTH} characters.`, id };
  }
  const where = parsed.error.issues.map((i) => i.path.join('.') || type).join(', ');
  return { ok: false, code: 'invalid_frame', message: `Invalid ${type} frame (${where}).`, id };
}

/** Which roles may receive an event of this audience. The one place that decides it. */
export function rolesFor(audience: Audience): readonly Role[] {
  switch (audience) {
    case 'all':
      return ['visitor', 'agent'];
    case 'staff':
      return ['agent'];
  }
}

export function visibleTo(role: Role, audience: Audience): boolean {
  return rolesFor(audience).includes(role);
}

// ---- the live queue (lobby) → agent console -------------------------------------------------

/** One row of a chat list, as D1 holds it and the console shows it. */
export interface ChatListRow {
  id: string;
  status: ChatStatus;
  groupId: string;
  groupName: string;
  visitorName: string;
  visitorEmail: string;
  agentId: string | null;
  agentName: string | null;
  startedAt: number;
  takenAt: number | null;
  endedAt: number | null;
  lastAgentMessageAt: number | null;
  messageCount: number;
  /** Since when nobody on staff has written (see objects/chat/timers.ts). */
  idleSince: number;
  idleLevel: IdleLevel;
  /** When a follow-up is due, if one is scheduled. */
  followUpAt: number | null;
  /** The chat's last sequence number when the row was written: a higher one is newer. */
  version: number;
}

/**
 * Something an agent is told in their console (as sound, desktop notification or in-page notice,
 * as their preferences say): a chat given to them, taken from them, a follow-up they set falling
 * due. A new chat in their groups is not a notice: the console sees it arrive in its lists.
 */
export const NOTICE_KINDS = ['transferred-to-you', 'taken-from-you', 'follow-up-due'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export interface ChatNotice {
  /** Unique: a console that hears a notice twice shows it once. */
  id: string;
  kind: NoticeKind;
  chatId: string;
  /** The customer's name, for the notice's text. */
  visitorName: string;
  /** Who did it (transferred or took the chat); null for a follow-up. */
  by: Person | null;
  at: number;
}
/** A task assigned to you fell due. */
export interface TaskNotice {
  id: string;
  kind: 'task-due';
  taskId: string;
  title: string;
  at: number;
}
export type Notice = ChatNotice | TaskNotice;

/** An agent's presence as colleagues see it. Offline means no console is open. */
export type Presence = 'online' | 'away' | 'offline';

export type LobbyFrame =
  /**
   * First frame: the group this socket receives changes for (one socket per group: see
   * objects/lobby/pieces.ts), all of your groups as they were when it opened, and your presence.
   */
  | { type: 'welcome'; groupId: string; groupIds: string[]; presence: Presence }
  /** A chat of this socket's group changed (new, taken, ended, counters), or left it (transferred). */
  | { type: 'chat'; chat: ChatListRow }
  /** A chat was deleted. */
  | { type: 'removed'; chatId: string; groupId: string }
  /** A colleague in one of your groups came online, went away or went offline. */
  | { type: 'presence'; agentId: string; name: string; status: Presence }
  /** Your group memberships changed: lists should be fetched again. */
  | { type: 'memberships'; groupIds: string[] }
  /** Something for you: see Notice. */
  | { type: 'notice'; notice: Notice }
  | { type: 'error'; code: ErrorCode; message: string }
  | { type: 'pong' };

/** The most chats a console says it shows (a list page is at most 200 rows, and the open chat). */
export const MAX_SHOWING = MAX_PAGE_SIZE + 1;
/** Chat ids are random strings far shorter than this. */
const MAX_ID_LENGTH = 64;

function lobbyClientFrameSchema() {
  return z.discriminatedUnion('type', [
    /** Set your own presence (offline is not a choice: it is closing the console). */
    z.object({ type: z.literal('presence'), status: z.enum(['online', 'away']) }),
    /**
     * The chats this console shows now (its list page and the open chat): only these hear of
     * their counters changing; every console of the group hears every state change.
     */
    z.object({
      type: z.literal('showing'),
      chatIds: z.array(z.string().check(z.minLength(1), z.maxLength(MAX_ID_LENGTH))).check(z.maxLength(MAX_SHOWING)),
    }),
    z.object({ type: z.literal('ping') }),
  ]);
}

export const LobbyClientFrameSchema = /* @__PURE__ */ lobbyClientFrameSchema();
export type LobbyClientFrame = z.infer<typeof LobbyClientFrameSchema>;
