// One running chat on the visitor's side: its conversation fed by a socket that resumes with
// `after=<lastSeq>`, files sent over HTTP (the chat announces them as `file` events), and what
// comes after the end. Everything is saved after each change so a reload resumes exactly here.
import { effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { ClientFrame, ServerFrame } from '../../objects/protocol.ts';
import { describeError } from '../shared/api.ts';
import { createConversation, type Conversation } from '../shared/conversation.ts';
import { openSocket, type LiveSocket } from '../shared/socket.ts';
import { createAfterChat, type AfterChat } from './after-chat.ts';
import { uploadFile } from './customer-api.ts';
import { fileProblem } from '../../objects/rules/files.ts';
import { saveChat, type StoredChat } from './storage.ts';

export interface ChatSession {
  chatId: string;
  token: string;
  conversation: Conversation;
  socket: LiveSocket<ClientFrame>;
  /** The name of the file being sent, if one is. */
  uploading: ReadonlySignal<string | null>;
  /** Why the last file was not sent. */
  uploadError: ReadonlySignal<string | null>;
  sendFile(file: File): Promise<void>;
  dismissUploadError(): void;
  after: AfterChat;
  /** The last sequence number the visitor has seen (the panel open): kept with the chat. */
  seenSeq: Signal<number>;
  stop(): void;
}

export function startSession(stored: StoredChat): ChatSession {
  const { chatId, token, email } = stored;
  const conversation = createConversation(stored, (frame) => socket.send(frame));
  const socket = openSocket<ServerFrame, ClientFrame>({
    path: () =>
      `/api/visitor/chats/${encodeURIComponent(chatId)}/ws?token=${encodeURIComponent(token)}&after=${conversation.lastSeq.value}&frames=many`,
    onFrame(frame) {
      if (conversation.handle(frame) === 'resync') return socket.reconnect();
      // An ended chat will not change again (once we hold its `ended` event): stop holding a
      // connection open for it.
      if (conversation.chat.value?.status === 'ended' && conversation.events.value.some((e) => e.kind === 'ended')) {
        socket.close();
      }
    },
    onDown: () => conversation.disconnected(),
  });
  const after = createAfterChat({ chatId, token, email, rated: stored.rated });
  const seenSeq = signal(stored.seenSeq);
  const uploading = signal<string | null>(null);
  const uploadError = signal<string | null>(null);

  async function sendFile(file: File): Promise<void> {
    if (uploading.value !== null) return;
    uploadError.value = fileProblem(file);
    if (uploadError.value !== null) return;
    uploading.value = file.name;
    try {
      await uploadFile(chatId, token, file);
    } catch (error) {
      uploadError.value = describeError(error);
    } finally {
      uploading.value = null;
    }
  }

  const stopSaving = effect(() => {
    const status = after.survey.value.status;
    saveChat({
      chatId,
      token,
      lastSeq: conversation.lastSeq.value,
      events: [...conversation.events.value],
      outbox: [...conversation.outbox.value],
      email,
      rated: status === 'done' || status === 'already',
      seenSeq: seenSeq.value,
    });
  });

  return {
    chatId,
    token,
    conversation,
    socket,
    uploading,
    uploadError,
    sendFile,
    dismissUploadError: () => (uploadError.value = null),
    after,
    seenSeq,
    stop() {
      stopSaving();
      socket.close();
    },
  };
}
