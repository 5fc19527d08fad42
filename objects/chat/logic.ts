// The chat's state machine: queued → active → ended (→ deleted), with transfers between groups
// and agents and follow-ups, as a pure function `transition(state, command, now) → { state,
// events }` that the ChatRoom object applies. No I/O, no clock of its own and no `cloudflare:*` or
// `node:*` import, so it is tested in plain Node and under Deno. Refusals are return values with a
// stable code, never exceptions.
import type { Attachment, ChatComment, ChatSnapshot, ChatStatus, CommentKind, ErrorCode, EventDraft, FieldChange, ManualEventOutcome, Person, Role, TimeLog, TransferTarget } from '../protocol.ts';
import { MAX_COMMENT_LENGTH, MAX_TEXT_LENGTH, MAX_TIME_LOG_MINUTES, MAX_TIME_LOG_NOTE } from '../protocol.ts';
import { mayRemoveTimeLog } from '../rules/time-logs.ts';
import { mayChangeComment } from '../rules/comments.ts';
import type { ItemRef } from '../rules/items.ts';

export interface ChatInfo {
  id: string;
  groupId: string;
  groupName: string;
  visitor: Person;
  visitorEmail: string;
  question: string;
  /** Custom fields given at the start (pre-chat form, widget options, live chat link). */
  fields: Record<string, string>;
  language: string | null;
}

/** What every opened chat has, whatever its status. */
interface Opened {
  info: ChatInfo;
  startedAt: number;
  /** When a follow-up is due, if one was scheduled (staff only). */
  followUpAt: number | null;
  /** Who scheduled it: they are told when it falls due. */
  followUpBy: Person | null;
}

export type ChatState =
  | { status: 'new' }
  | (Opened & { status: 'queued' })
  /** `joined`: staff who joined openly (barge-in) and now write to the customer too. */
  | (Opened & { status: 'active'; takenAt: number; agent: Person; joined: Person[] })
  | (Opened & { status: 'ended'; takenAt: number | null; agent: Person | null; endedAt: number; rated: boolean })
  /** Deleted once ended: the host wipes its storage. */
  | { status: 'deleted' };

export type OpenState = Extract<ChatState, Opened>;

/**
 * Who gives a command: the person, and whether they supervise (a manager or administrator, who
 * may take over, end and transfer chats assigned to someone else). Every command but `open`
 * carries one, and every permission is decided here from it.
 */
export interface Actor {
  person: Person;
  supervisor: boolean;
}

export type Command =
  | { type: 'open'; info: ChatInfo }
  /**
   * `takeover`: take it from the agent who has it: supervisors always, agents only where the
   * administrator lets agents take from colleagues (`colleaguesMayTake`).
   */
  | { type: 'take'; by: Actor; takeover: boolean; colleaguesMayTake?: boolean }
  | { type: 'send'; by: Actor; clientId: string; text: string }
  | { type: 'coach'; by: Actor; clientId: string; text: string }
  | { type: 'end'; by: Actor }
  /** To another group (back to its queue) or to an agent (assigned at once), with a comment for them. */
  | { type: 'transfer'; by: Actor; to: TransferTarget; comment?: { id: string; text: string } }
  | { type: 'follow-up'; by: Actor; at: number | null }
  /** A coach joins openly: the customer is told, and the coach's messages reach them. */
  | { type: 'join'; by: Actor }
  | { type: 'delete'; by: Actor }
  /** A file was stored in R2; this records it in the chat (not once it has ended). */
  | { type: 'file'; by: Actor; file: Attachment }
  /** The customer's post-chat survey: once, after the end. */
  | { type: 'survey'; by: Actor; rating: number; comment: string }
  /** A staff comment; a Follow-Up one schedules the follow-up at `dueAt`. */
  | { type: 'comment'; by: Actor; id: string; kind: CommentKind; text: string; dueAt: number | null }
  /** `comment`: the comment as it stands (the host folds it from the log), or undefined if there is none. */
  | { type: 'edit-comment'; by: Actor; comment: ChatComment | undefined; text: string }
  | { type: 'delete-comment'; by: Actor; comment: ChatComment | undefined }
  /** New Time Log: minutes of work on the chat, `at` when it was done. */
  | { type: 'log-time'; by: Actor; id: string; minutes: number; note: string; billable: boolean; at: number }
  /** `timeLog`: as it stands (the host folds it from the log), or undefined if there is none. */
  | { type: 'delete-time-log'; by: Actor; timeLog: TimeLog | undefined }
  /** Staff set custom fields, already checked against their definitions ('' clears one). */
  | { type: 'set-fields'; by: Actor; fields: Record<string, string> }
  /** The Worker related an item to the chat (or made one from it), or unrelated it: a History line. */
  | { type: 'relate'; by: Actor; item: ItemRef; change: 'added' | 'removed' }
  /** A manual event ran (the Worker ran its actions): a History line with each action's outcome. */
  | { type: 'manual-event'; by: Actor; run: { runId: string; eventId: string; name: string; outcomes: ManualEventOutcome[] } }
  /** A manual event's webhook reached its final outcome (the Queue consumer says which): a History line. */
  | { type: 'webhook'; result: WebhookResult };

/** How a manual event's webhook ended: delivered (2xx) or failed after its last attempt. */
export type WebhookResult =
  | { ok: true; runId: string; deliveryId: string; name: string; url: string; attempts: number; status: number }
  | { ok: false; runId: string; deliveryId: string; name: string; url: string; attempts: number; reason: string };

export type Outcome = { ok: true; state: ChatState; events: EventDraft[] } | { ok: false; code: ErrorCode; message: string };

function refuse(code: ErrorCode, message: string): Outcome {
  return { ok: false, code, message };
}

const ENDED = (): Outcome => refuse('chat_ended', 'This chat has ended.');

/** The furthest ahead a follow-up may be scheduled. */
export const MAX_FOLLOW_UP_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

export function transition(state: ChatState, command: Command, now: number): Outcome {
  if (state.status === 'deleted') return refuse('not_open', 'This chat was deleted.');
  if (command.type === 'open') {
    if (state.status !== 'new') return refuse('already_open', 'This chat has already been started.');
    const { info } = command;
    return {
      ok: true,
      state: { status: 'queued', info, startedAt: now, followUpAt: null, followUpBy: null },
      events: [
        { kind: 'queued', audience: 'all', at: now, groupId: info.groupId, groupName: info.groupName, visitor: info.visitor },
        { kind: 'message', audience: 'all', at: now, clientId: `question:${info.id}`, from: info.visitor, text: info.question },
      ],
    };
  }
  if (state.status === 'new') return refuse('not_open', 'This chat has not been started.');

  switch (command.type) {
    case 'take':
      return take(state, command.by, command.takeover, command.colleaguesMayTake ?? false, now);
    case 'send':
    case 'coach':
      return write(state, command, now);
    case 'end': {
      const { person, supervisor } = command.by;
      if (state.status === 'ended') return refuse('chat_ended', 'This chat has already ended.');
      if (person.role === 'agent' && state.status === 'active' && state.agent.id !== person.id && !supervisor) {
        return refuse('not_assigned', 'Only the assigned agent can end this chat.');
      }
      const { agent, takenAt } = state.status === 'active' ? state : { agent: null, takenAt: null };
      return {
        ok: true,
        state: { ...opened(state), status: 'ended', takenAt, agent, endedAt: now, rated: false },
        events: [{ kind: 'ended', audience: 'all', at: now, by: person }],
      };
    }
    case 'transfer':
      return transfer(state, command.by, command.to, command.comment, now);
    case 'follow-up': {
      const by = command.by.person;
      if (by.role !== 'agent') return refuse('not_allowed', 'Only staff can schedule a follow-up.');
      if (command.at !== null && command.at <= now) return refuse('invalid_frame', 'A follow-up must be in the future.');
      if (command.at !== null && command.at > now + MAX_FOLLOW_UP_AHEAD_MS) {
        return refuse('invalid_frame', 'A follow-up can be at most a year ahead.');
      }
      return {
        ok: true,
        state: { ...state, followUpAt: command.at, followUpBy: command.at === null ? null : by },
        events: [{ kind: 'follow-up', audience: 'staff', at: now, by, dueAt: command.at }],
      };
    }
    case 'comment':
      return addComment(state, command, now);
    case 'edit-comment': {
      const refused = commentRefusal(command.comment, command.by);
      if (refused) return refused;
      const text = command.text.trim();
      const bad = commentTextRefusal(text);
      if (bad) return bad;
      if (text === command.comment!.text) return refuse('no_change', 'The comment says that already.');
      return {
        ok: true,
        state,
        events: [{ kind: 'comment-edited', audience: 'staff', at: now, commentId: command.comment!.id, by: command.by.person, text }],
      };
    }
    case 'delete-comment': {
      const refused = commentRefusal(command.comment, command.by);
      if (refused) return refused;
      const comment = command.comment!;
      const by = command.by.person;
      const events: EventDraft[] = [{ kind: 'comment-deleted', audience: 'staff', at: now, commentId: comment.id, by }];
      // Deleting the Follow-Up comment that set the follow-up in force clears that follow-up.
      const clears = comment.kind === 'follow-up' && comment.dueAt !== null && comment.dueAt === state.followUpAt;
      if (!clears) return { ok: true, state, events };
      events.push({ kind: 'follow-up', audience: 'staff', at: now, by, dueAt: null });
      return { ok: true, state: { ...state, followUpAt: null, followUpBy: null }, events };
    }
    case 'log-time': {
      const by = command.by.person;
      if (by.role !== 'agent') return refuse('not_allowed', 'Only staff can log time.');
      if (!Number.isInteger(command.minutes) || command.minutes < 1 || command.minutes > MAX_TIME_LOG_MINUTES) {
        return refuse('invalid_frame', `A time log is 1 to ${MAX_TIME_LOG_MINUTES} whole minutes.`);
      }
      const note = command.note.trim();
      if (note.length > MAX_TIME_LOG_NOTE) return refuse('text_too_long', `A time log's note is limited to ${MAX_TIME_LOG_NOTE} characters.`);
      if (command.at > now) return refuse('invalid_frame', 'Time cannot be logged in the future.');
      const timeLog: TimeLog = { id: command.id, by, at: command.at, minutes: command.minutes, note, billable: command.billable };
      return { ok: true, state, events: [{ kind: 'time-logged', audience: 'staff', at: now, timeLog }] };
    }
    case 'delete-time-log': {
      const { timeLog, by } = command;
      if (by.person.role !== 'agent') return refuse('not_allowed', 'Only staff can remove time logs.');
      if (!timeLog) return refuse('no_such_time_log', 'No such time log on this chat.');
      if (!mayRemoveTimeLog(timeLog, by)) return refuse('not_allowed', 'Only whoever logged it, a manager or an administrator can remove this time log.');
      return { ok: true, state, events: [{ kind: 'time-log-deleted', audience: 'staff', at: now, timeLogId: timeLog.id, by: by.person }] };
    }
    case 'relate': {
      const by = command.by.person;
      if (by.role !== 'agent') return refuse('not_allowed', 'Only staff can relate items to a chat.');
      return { ok: true, state, events: [{ kind: 'related', audience: 'staff', at: now, by, item: command.item, change: command.change }] };
    }
    case 'manual-event': {
      const by = command.by.person;
      if (by.role !== 'agent') return refuse('not_allowed', 'Only staff run manual events.');
      return { ok: true, state, events: [{ kind: 'manual-event', audience: 'staff', at: now, by, ...command.run }] };
    }
    case 'webhook': {
      // Told by the Worker's Queue consumer, never by a client: there is no caller to check.
      const r = command.result;
      const base = { audience: 'staff', at: now, runId: r.runId, deliveryId: r.deliveryId, name: r.name, url: r.url, attempts: r.attempts } as const;
      const event: EventDraft = r.ok ? { kind: 'webhook-delivered', ...base, status: r.status } : { kind: 'webhook-failed', ...base, reason: r.reason };
      return { ok: true, state, events: [event] };
    }
    case 'set-fields': {
      if (command.by.person.role !== 'agent') return refuse('not_allowed', 'Only staff can edit custom fields.');
      const before = state.info.fields;
      const changes: FieldChange[] = [];
      const fields = { ...before };
      for (const [key, value] of Object.entries(command.fields)) {
        const from = before[key] ?? '';
        if (from === value) continue;
        changes.push({ key, from, to: value });
        if (value === '') delete fields[key];
        else fields[key] = value;
      }
      if (changes.length === 0) return refuse('no_change', 'The fields have those values already.');
      return {
        ok: true,
        state: { ...state, info: { ...state.info, fields } },
        events: [{ kind: 'fields-edited', audience: 'staff', at: now, by: command.by.person, changes }],
      };
    }
    case 'join': {
      const by = command.by.person;
      if (by.role !== 'agent') return refuse('not_allowed', 'Only staff can join a chat.');
      if (state.status === 'ended') return ENDED();
      if (state.status !== 'active') return refuse('not_active', 'A chat can be joined once an agent has taken it.');
      if (state.agent.id === by.id || state.joined.some((p) => p.id === by.id)) return refuse('already_yours', 'You are already in this chat.');
      return {
        ok: true,
        state: { ...state, joined: [...state.joined, by] },
        events: [{ kind: 'joined', audience: 'all', at: now, person: by }],
      };
    }
    case 'file': {
      if (state.status === 'ended') return ENDED();
      // A file reaches the customer: staff send one only where they may write to them.
      const from = command.by.person;
      const refused = from.role === 'agent' ? mayWrite(state, from) : null;
      if (refused) return refused;
      return { ok: true, state, events: [{ kind: 'file', audience: 'all', at: now, from, file: command.file }] };
    }
    case 'survey': {
      if (command.by.person.role !== 'visitor') return refuse('not_allowed', 'Only the customer rates the chat.');
      if (state.status !== 'ended') return refuse('not_ended', 'The survey opens once the chat has ended.');
      if (state.rated) return refuse('already_rated', 'This chat has been rated already.');
      if (state.agent === null) return refuse('not_allowed', 'No agent took this chat, so there is nothing to rate.');
      const rating = Math.round(command.rating);
      if (rating < 1 || rating > 5) return refuse('invalid_frame', 'A rating is 1 to 5.');
      return {
        ok: true,
        state: { ...state, rated: true },
        events: [{ kind: 'survey', audience: 'staff', at: now, rating, comment: command.comment }],
      };
    }
    case 'delete':
      if (command.by.person.role !== 'agent') return refuse('not_allowed', 'Only staff can delete a chat.');
      if (state.status !== 'ended') return refuse('not_ended', 'Only completed chats can be deleted; end this one first.');
      return { ok: true, state: { status: 'deleted' }, events: [] };
  }
}

function opened(state: OpenState): Opened {
  return { info: state.info, startedAt: state.startedAt, followUpAt: state.followUpAt, followUpBy: state.followUpBy };
}

function commentTextRefusal(text: string): Outcome | null {
  if (text.length === 0) return refuse('invalid_frame', 'A comment cannot be empty.');
  if (text.length > MAX_COMMENT_LENGTH) return refuse('text_too_long', `A comment is limited to ${MAX_COMMENT_LENGTH} characters.`);
  return null;
}

/** Whether `by` may edit or delete the comment (undefined: there is no such comment). */
function commentRefusal(comment: ChatComment | undefined, by: Actor): Outcome | null {
  if (by.person.role !== 'agent') return refuse('not_allowed', 'Only staff can change comments.');
  if (!comment) return refuse('no_such_comment', 'No such comment in this chat.');
  if (!mayChangeComment(comment, by)) return refuse('not_allowed', 'Only its author, a manager or an administrator can change this comment.');
  return null;
}

function addComment(state: OpenState, command: Extract<Command, { type: 'comment' }>, now: number): Outcome {
  const by = command.by.person;
  if (by.role !== 'agent') return refuse('not_allowed', 'Only staff can comment.');
  const text = command.text.trim();
  const bad = commentTextRefusal(text);
  if (bad) return bad;
  const followUp = command.kind === 'follow-up';
  if (followUp && command.dueAt === null) return refuse('invalid_frame', 'A Follow-Up comment needs a due time.');
  if (!followUp && command.dueAt !== null) return refuse('invalid_frame', 'Only a Follow-Up comment has a due time.');
  if (followUp && (command.dueAt! <= now || command.dueAt! > now + MAX_FOLLOW_UP_AHEAD_MS)) {
    return refuse('invalid_frame', 'A follow-up is a time in the future, at most a year ahead.');
  }
  const comment: EventDraft = {
    kind: 'comment',
    audience: 'staff',
    at: now,
    commentId: command.id,
    commentKind: command.kind,
    by,
    text,
    dueAt: command.dueAt,
    forTarget: null,
  };
  if (!followUp) return { ok: true, state, events: [comment] };
  // The Follow-Up comment schedules the chat's follow-up, as the toolbar's Follow-up does.
  return {
    ok: true,
    state: { ...state, followUpAt: command.dueAt, followUpBy: by },
    events: [comment, { kind: 'follow-up', audience: 'staff', at: now, by, dueAt: command.dueAt }],
  };
}

function take(state: OpenState, by: Actor, takeover: boolean, colleaguesMayTake: boolean, now: number): Outcome {
  const agent = by.person;
  if (agent.role !== 'agent') return refuse('not_allowed', 'Only an agent can take a chat.');
  if (takeover && !by.supervisor && !colleaguesMayTake) {
    return refuse('not_allowed', 'Only managers and administrators can take a chat from a colleague here.');
  }
  if (state.status === 'ended') return ENDED();
  if (state.status === 'active') {
    if (state.agent.id === agent.id) return refuse('already_yours', 'You already have this chat.');
    if (!takeover) return refuse('already_taken', `${state.agent.name} has already taken this chat.`);
    return {
      ok: true,
      // Queue time stays what it was: takenAt marks the first take.
      state: { ...state, agent, joined: state.joined.filter((p) => p.id !== agent.id) },
      events: [{ kind: 'taken', audience: 'all', at: now, agent, fromAgent: state.agent }],
    };
  }
  return {
    ok: true,
    state: { ...opened(state), status: 'active', takenAt: now, agent, joined: [] },
    events: [{ kind: 'taken', audience: 'all', at: now, agent, fromAgent: null }],
  };
}

function write(state: OpenState, command: Extract<Command, { type: 'send' | 'coach' }>, now: number): Outcome {
  const { clientId, text } = command;
  const from = command.by.person;
  if (text.trim().length === 0) return refuse('invalid_frame', 'A message cannot be empty.');
  if (text.length > MAX_TEXT_LENGTH) return refuse('text_too_long', `Text is limited to ${MAX_TEXT_LENGTH} characters.`);
  if (command.type === 'coach') {
    if (from.role !== 'agent') return refuse('not_allowed', 'Only staff can coach.');
    if (state.status === 'ended') return ENDED();
    if (state.status !== 'active') return refuse('not_active', 'Coaching is available once the chat is active.');
    return { ok: true, state, events: [{ kind: 'coaching', audience: 'staff', at: now, clientId, from, text }] };
  }
  if (state.status === 'ended') return ENDED();
  const refused = from.role === 'agent' ? mayWrite(state, from) : null;
  if (refused) return refused;
  return { ok: true, state, events: [{ kind: 'message', audience: 'all', at: now, clientId, from, text }] };
}

/** Whether this member of staff may write to the customer now (the chat is theirs, or they joined it). */
export function mayWriteToCustomer(state: ChatState, agent: Person): boolean {
  return state.status === 'active' && (state.agent.id === agent.id || state.joined.some((p) => p.id === agent.id));
}

/** An agent writes to the customer (text or file) only once the chat is theirs or they joined it. */
function mayWrite(state: OpenState, agent: Person): Outcome | null {
  if (state.status !== 'active') return refuse('not_active', 'Take the chat before writing to the customer.');
  if (state.agent.id !== agent.id && !state.joined.some((p) => p.id === agent.id)) {
    return refuse('not_assigned', 'This chat is assigned to another agent: coach, or join it first.');
  }
  return null;
}

function transfer(state: OpenState, by: Actor, to: TransferTarget, note: { id: string; text: string } | undefined, now: number): Outcome {
  if (by.person.role !== 'agent') return refuse('not_allowed', 'Only staff can transfer a chat.');
  const noteText = note?.text.trim() ?? '';
  const badNote = note && noteText !== '' ? commentTextRefusal(noteText) : null;
  if (badNote) return badNote;
  if (state.status === 'ended') return ENDED();
  if (state.status === 'active' && state.agent.id !== by.person.id && !by.supervisor) {
    return refuse('not_assigned', 'Only the assigned agent or a manager can transfer this chat.');
  }
  const fromAgent = state.status === 'active' ? state.agent : null;
  const base = opened(state);
  const event = { kind: 'transferred', audience: 'all', at: now, by: by.person, fromGroupName: state.info.groupName, fromAgent, to } as const;
  // The optional comment for whoever receives the chat: a staff-only Transfer comment after the event.
  const events: EventDraft[] = [event];
  if (note && noteText !== '') {
    events.push({
      kind: 'comment',
      audience: 'staff',
      at: now,
      commentId: note.id,
      commentKind: 'transfer',
      by: by.person,
      text: noteText,
      dueAt: null,
      forTarget: to,
    });
  }
  if (to.kind === 'group') {
    if (to.groupId === state.info.groupId && state.status === 'queued') return refuse('no_change', 'The chat is already in that queue.');
    const info = { ...state.info, groupId: to.groupId, groupName: to.groupName };
    return { ok: true, state: { ...base, info, status: 'queued' }, events };
  }
  if (fromAgent?.id === to.agent.id) return refuse('no_change', `${to.agent.name} already has this chat.`);
  const takenAt = state.status === 'active' ? state.takenAt : now;
  return { ok: true, state: { ...base, status: 'active', takenAt, agent: to.agent, joined: [] }, events };
}

/**
 * What a participant of `role` may know about the chat; undefined before it is opened and once
 * deleted. The follow-up is staff-only: a visitor's snapshot always has none.
 */
export function snapshot(state: ChatState, role: Role = 'agent'): ChatSnapshot | undefined {
  if (state.status === 'new' || state.status === 'deleted') return undefined;
  const status: ChatStatus = state.status;
  return {
    id: state.info.id,
    status,
    groupId: state.info.groupId,
    groupName: state.info.groupName,
    visitor: state.info.visitor,
    agent: state.status === 'queued' ? null : state.agent,
    startedAt: state.startedAt,
    takenAt: state.status === 'queued' ? null : state.takenAt,
    endedAt: state.status === 'ended' ? state.endedAt : null,
    joined: state.status === 'active' ? state.joined : [],
    followUpAt: role === 'agent' ? state.followUpAt : null,
    fields: role === 'agent' ? state.info.fields : {},
  };
}
