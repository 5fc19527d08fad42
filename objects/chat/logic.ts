// The chat's state machine: queued → active → ended (→ deleted), with transfers between groups
// and agents and follow-ups, as a pure function `transition(state, command, now) → { state,
// events }` that the ChatRoom object applies. No I/O, no clock of its own and no `cloudflare:*` or
// `node:*` import, so it is tested in plain Node and under Deno. Refusals are return values with a
// stable code, never exceptions.
import type { Attachment, ChatSnapshot, ChatStatus, ErrorCode, EventDraft, Person, Role, TransferTarget } from '../protocol.ts';
import { MAX_TEXT_LENGTH } from '../protocol.ts';

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
  /** `takeover`: take it from the agent who has it (supervisors only). */
  | { type: 'take'; by: Actor; takeover: boolean }
  | { type: 'send'; by: Actor; clientId: string; text: string }
  | { type: 'coach'; by: Actor; clientId: string; text: string }
  | { type: 'end'; by: Actor }
  /** To another group (back to its queue) or to an agent (assigned at once). */
  | { type: 'transfer'; by: Actor; to: TransferTarget }
  | { type: 'follow-up'; by: Actor; at: number | null }
  /** A coach joins openly: the customer is told, and the coach's messages reach them. */
  | { type: 'join'; by: Actor }
  | { type: 'delete'; by: Actor }
  /** A file was stored in R2; this records it in the chat (not once it has ended). */
  | { type: 'file'; by: Actor; file: Attachment }
  /** The customer's post-chat survey: once, after the end. */
  | { type: 'survey'; by: Actor; rating: number; comment: string };

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
      state: { status: 'queued', info, startedAt: now, followUpAt: null },
      events: [
        { kind: 'queued', audience: 'all', at: now, groupId: info.groupId, groupName: info.groupName, visitor: info.visitor },
        { kind: 'message', audience: 'all', at: now, clientId: `question:${info.id}`, from: info.visitor, text: info.question },
      ],
    };
  }
  if (state.status === 'new') return refuse('not_open', 'This chat has not been started.');

  switch (command.type) {
    case 'take':
      return take(state, command.by, command.takeover, now);
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
      return transfer(state, command.by, command.to, now);
    case 'follow-up': {
      const by = command.by.person;
      if (by.role !== 'agent') return refuse('not_allowed', 'Only staff can schedule a follow-up.');
      if (command.at !== null && command.at <= now) return refuse('invalid_frame', 'A follow-up must be in the future.');
      if (command.at !== null && command.at > now + MAX_FOLLOW_UP_AHEAD_MS) {
        return refuse('invalid_frame', 'A follow-up can be at most a year ahead.');
      }
      return {
        ok: true,
        state: { ...state, followUpAt: command.at },
        events: [{ kind: 'follow-up', audience: 'staff', at: now, by, dueAt: command.at }],
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
  return { info: state.info, startedAt: state.startedAt, followUpAt: state.followUpAt };
}

function take(state: OpenState, by: Actor, takeover: boolean, now: number): Outcome {
  const agent = by.person;
  if (agent.role !== 'agent') return refuse('not_allowed', 'Only an agent can take a chat.');
  if (takeover && !by.supervisor) return refuse('not_allowed', 'Only managers and administrators can take over a chat.');
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

/** An agent writes to the customer (text or file) only once the chat is theirs or they joined it. */
function mayWrite(state: OpenState, agent: Person): Outcome | null {
  if (state.status !== 'active') return refuse('not_active', 'Take the chat before writing to the customer.');
  if (state.agent.id !== agent.id && !state.joined.some((p) => p.id === agent.id)) {
    return refuse('not_assigned', 'This chat is assigned to another agent: coach, or join it first.');
  }
  return null;
}

function transfer(state: OpenState, by: Actor, to: TransferTarget, now: number): Outcome {
  if (by.person.role !== 'agent') return refuse('not_allowed', 'Only staff can transfer a chat.');
  if (state.status === 'ended') return ENDED();
  if (state.status === 'active' && state.agent.id !== by.person.id && !by.supervisor) {
    return refuse('not_assigned', 'Only the assigned agent or a manager can transfer this chat.');
  }
  const fromAgent = state.status === 'active' ? state.agent : null;
  const base = opened(state);
  const event = { kind: 'transferred', audience: 'all', at: now, by: by.person, fromGroupName: state.info.groupName, fromAgent, to } as const;
  if (to.kind === 'group') {
    if (to.groupId === state.info.groupId && state.status === 'queued') return refuse('no_change', 'The chat is already in that queue.');
    const info = { ...state.info, groupId: to.groupId, groupName: to.groupName };
    return { ok: true, state: { ...base, info, status: 'queued' }, events: [event] };
  }
  if (fromAgent?.id === to.agent.id) return refuse('no_change', `${to.agent.name} already has this chat.`);
  const takenAt = state.status === 'active' ? state.takenAt : now;
  return { ok: true, state: { ...base, status: 'active', takenAt, agent: to.agent, joined: [] }, events: [event] };
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
  };
}
