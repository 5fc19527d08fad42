// The chat open in the console's preview pane: its conversation (shared with the widget's logic)
// over the agent socket `/api/chats/<id>/ws`, which authenticates with the session cookie.
// Take, Take over and End Chat are HTTP calls whose refusals come back as `{error: {code, message}}`;
// what they change arrives over the socket (events and `chat` frames), never from the HTTP answer.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { ChatListRow, ClientFrame, ServerFrame, StaffRank } from '../../objects/protocol.ts';
import { describeError, getJson, post, type ChatRowResponse } from '../shared/api.ts';
import { createConversation, type Conversation, type ConversationSeed } from '../shared/conversation.ts';
import { openSocket, type LiveSocket } from '../shared/socket.ts';

/** The toolbar's actions, named as their routes are: POST /api/chats/:id/<action>. */
export type ChatAction = 'take' | 'take-over' | 'end';

/** Managers and administrators may take over and end chats assigned to someone else. */
export function isSupervisor(rank: StaffRank): boolean {
  return rank === 'manager' || rank === 'admin';
}

export interface OpenChat {
  chatId: string;
  conversation: Conversation;
  socket: LiveSocket<ClientFrame>;
  /** The list row, for what the socket's snapshot lacks (the visitor's email). */
  row: ReadonlySignal<ChatListRow | null>;
  /** The toolbar action waiting for its answer, if any. */
  pending: ReadonlySignal<ChatAction | null>;
  /** The server's refusal of the last toolbar action (e.g. "Bob has already taken this chat."). */
  actionError: ReadonlySignal<string | null>;
  act(action: ChatAction): Promise<void>;
  dismissActionError(): void;
  /** Closes the socket and returns what to keep for reopening it later. */
  close(): ConversationSeed;
}

export function openChat(chatId: string, seed: ConversationSeed, row: ChatListRow | null): OpenChat {
  const path = `/api/chats/${encodeURIComponent(chatId)}`;
  const conversation = createConversation(seed, (frame) => socket.send(frame));
  const socket = openSocket<ServerFrame, ClientFrame>({
    path: () => `${path}/ws?after=${conversation.lastSeq.value}`,
    onFrame(frame) {
      if (conversation.handle(frame) === 'resync') socket.reconnect();
    },
    onDown: () => conversation.disconnected(),
  });
  const known = signal<ChatListRow | null>(row);
  const pending = signal<ChatAction | null>(null);
  const actionError = signal<string | null>(null);
  if (row === null) {
    getJson<ChatRowResponse>(path).then(
      ({ chat }) => (known.value = chat),
      () => undefined, // the header just shows less; the socket reports real problems
    );
  }
  return {
    chatId,
    conversation,
    socket,
    row: known,
    pending,
    actionError,
    async act(action) {
      if (pending.value !== null) return;
      pending.value = action;
      actionError.value = null;
      conversation.dismissNotice();
      try {
        await post(`${path}/${action}`);
      } catch (error) {
        actionError.value = describeError(error);
      } finally {
        pending.value = null;
      }
    },
    dismissActionError() {
      actionError.value = null;
    },
    close() {
      socket.close();
      return conversation.seed();
    },
  };
}
