// The chat's state machine: queued → active → ended, as a pure function
// `transition(state, command, now) → { state, events }` that the ChatRoom object applies.
// No I/O, no clock of its own and no `cloudflare:*` or `node:*` import, so it is tested in plain
// Node and under Deno. Refusals are return values with a stable code, never exceptions.
import type { ChatSnapshot, ChatStatus, ErrorCode, EventDraft, Person } from '../protocol.ts';
import { MAX_TEXT_LENGTH } from '../protocol.ts';

export interface ChatInfo {
  id: string;
  groupId: string;
  groupName: string;
  visitor: Person;
  visitorEmail: string;
  question: string;
}

export type ChatState =
  | { status: 'new' }
  | { status: 'queued'; info: ChatInfo; startedAt: number }
  | { status: 'active'; info: ChatInfo; startedAt: number; takenAt: number; agent: Person }
  | {
      status: 'ended';
      info: ChatInfo;
      startedAt: number;
      takenAt: number | null;
      agent: Person | null;
      endedAt: number;
    };

export type Command =
  | { type: 'open'; info: ChatInfo }
  /** `takeover`: take it from the agent who has it (the host allows this to supervisors only). */
  | { type: 'take'; agent: Person; takeover: boolean }
  | { type: 'send'; from: Person; clientId: string; text: string }
  | { type: 'coach'; from: Person; clientId: string; text: string }
  /** `supervisor`: a manager or administrator, who may end a chat assigned to someone else. */
  | { type: 'end'; by: Person; supervisor: boolean };

export type Outcome =
  | { ok: true; state: ChatState; events: EventDraft[] }
  | { ok: false; code: ErrorCode; message: string };

function refuse(code: ErrorCode, message: string): Outcome {
  return { ok: false, code, message };
}

export function transition(state: ChatState, command: Command, now: number): Outcome {
  if (command.type === 'open') {
    if (state.status !== 'new') return refuse('already_open', 'This chat has already been started.');
    const { info } = command;
    return {
      ok: true,
      state: { status: 'queued', info, startedAt: now },
      events: [
        { kind: 'queued', audience: 'all', at: now, groupId: info.groupId, groupName: info.groupName, visitor: info.visitor },
        { kind: 'message', audience: 'all', at: now, clientId: `question:${info.id}`, from: info.visitor, text: info.question },
      ],
    };
  }
  if (state.status === 'new') return refuse('not_open', 'This chat has not been started.');

  switch (command.type) {
    case 'take': {
      if (command.agent.role !== 'agent') return refuse('not_allowed', 'Only an agent can take a chat.');
      if (state.status === 'ended') return refuse('chat_ended', 'This chat has ended.');
      if (state.status === 'active') {
        if (state.agent.id === command.agent.id) return refuse('already_yours', 'You already have this chat.');
        if (!command.takeover) return refuse('already_taken', `${state.agent.name} has already taken this chat.`);
        return {
          ok: true,
          // Queue time stays what it was: takenAt marks the first take.
          state: { ...state, agent: command.agent },
          events: [{ kind: 'taken', audience: 'all', at: now, agent: command.agent, fromAgent: state.agent }],
        };
      }
      return {
        ok: true,
        state: { status: 'active', info: state.info, startedAt: state.startedAt, takenAt: now, agent: command.agent },
        events: [{ kind: 'taken', audience: 'all', at: now, agent: command.agent, fromAgent: null }],
      };
    }
    case 'send': {
      const bad = checkText(command.text);
      if (bad) return bad;
      if (state.status === 'ended') return refuse('chat_ended', 'This chat has ended.');
      if (command.from.role === 'agent') {
        // An agent writes only once the chat is theirs; a visitor may write while queued.
        if (state.status !== 'active') return refuse('not_active', 'Take the chat before writing to the customer.');
        if (state.agent.id !== command.from.id) return refuse('not_assigned', 'This chat is assigned to another agent.');
      }
      return {
        ok: true,
        state,
        events: [{ kind: 'message', audience: 'all', at: now, clientId: command.clientId, from: command.from, text: command.text }],
      };
    }
    case 'coach': {
      const bad = checkText(command.text);
      if (bad) return bad;
      if (command.from.role !== 'agent') return refuse('not_allowed', 'Only staff can coach.');
      if (state.status !== 'active') {
        return state.status === 'ended'
          ? refuse('chat_ended', 'This chat has ended.')
          : refuse('not_active', 'Coaching is available once the chat is active.');
      }
      return {
        ok: true,
        state,
        events: [{ kind: 'coaching', audience: 'staff', at: now, clientId: command.clientId, from: command.from, text: command.text }],
      };
    }
    case 'end': {
      if (state.status === 'ended') return refuse('chat_ended', 'This chat has already ended.');
      if (command.by.role === 'agent' && state.status === 'active' && state.agent.id !== command.by.id && !command.supervisor) {
        return refuse('not_assigned', 'Only the assigned agent can end this chat.');
      }
      const agent = state.status === 'active' ? state.agent : null;
      const takenAt = state.status === 'active' ? state.takenAt : null;
      return {
        ok: true,
        state: { status: 'ended', info: state.info, startedAt: state.startedAt, takenAt, agent, endedAt: now },
        events: [{ kind: 'ended', audience: 'all', at: now, by: command.by }],
      };
    }
  }
}

function checkText(text: string): Outcome | null {
  if (text.trim().length === 0) return refuse('invalid_frame', 'A message cannot be empty.');
  if (text.length > MAX_TEXT_LENGTH) return refuse('text_too_long', `Text is limited to ${MAX_TEXT_LENGTH} characters.`);
  return null;
}

/** What participants may know about the chat; undefined before it is opened. */
export function snapshot(state: ChatState): ChatSnapshot | undefined {
  if (state.status === 'new') return undefined;
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
  };
}
