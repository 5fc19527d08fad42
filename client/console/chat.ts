// The chat open in the console's preview pane: its conversation (shared with the widget's logic)
// over the agent socket `/api/chats/<id>/ws`, which authenticates with the session cookie.
// Take and End are frames on that socket; the server's answer arrives as events and `chat` frames.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { ChatListRow, ClientFrame, ServerFrame } from '../../objects/protocol.ts';
import { getJson, type ChatRowResponse } from '../shared/api.ts';
import { createConversation, type Conversation, type ConversationSeed } from '../shared/conversation.ts';
import { openSocket, type LiveSocket } from '../shared/socket.ts';

export interface OpenChat {
  chatId: string;
  conversation: Conversation;
  socket: LiveSocket<ClientFrame>;
  /** The list row, for what the socket's snapshot lacks (the visitor's email). */
  row: ReadonlySignal<ChatListRow | null>;
  /** Closes the socket and returns what to keep for reopening it later. */
  close(): ConversationSeed;
}

export function openChat(chatId: string, seed: ConversationSeed, row: ChatListRow | null): OpenChat {
  const conversation = createConversation(seed, (frame) => socket.send(frame));
  const socket = openSocket<ServerFrame, ClientFrame>({
    path: () => `/api/chats/${encodeURIComponent(chatId)}/ws?after=${conversation.lastSeq.value}`,
    onFrame(frame) {
      if (conversation.handle(frame) === 'resync') socket.reconnect();
    },
    onDown: () => conversation.disconnected(),
  });
  const known = signal<ChatListRow | null>(row);
  if (row === null) {
    getJson<ChatRowResponse>(`/api/chats/${encodeURIComponent(chatId)}`).then(
      ({ chat }) => (known.value = chat),
      () => undefined, // the header just shows less; the socket reports real problems
    );
  }
  return {
    chatId,
    conversation,
    socket,
    row: known,
    close() {
      socket.close();
      return conversation.seed();
    },
  };
}
