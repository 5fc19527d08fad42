// The visitor widget as signals and actions: the pre-chat form, then one chat with its socket.
// It never touches the DOM; components read these signals and call these actions, and the
// entry point owns page-level effects (title, messages to the embedding page).
import { computed, effect, signal } from '@preact/signals';
import type { ClientFrame, ServerFrame } from '../../objects/protocol.ts';
import { describeError, getJson, postJson, type CreatedChat, type Group, type GroupsResponse } from '../shared/api.ts';
import { createConversation, type Conversation } from '../shared/conversation.ts';
import { openSocket, type LiveSocket } from '../shared/socket.ts';
import { clearChat, loadChat, saveChat, type StoredChat } from './storage.ts';
import { firstInvalid, validatePreChat, type PreChatErrors, type PreChatField, type PreChatValues } from './validation.ts';

/** After this many failed reconnects in a row, offer to start over (the chat may be gone). */
export const OFFER_RESTART_AFTER_FAILURES = 5;

export interface ChatSession {
  chatId: string;
  conversation: Conversation;
  socket: LiveSocket<ClientFrame>;
  stop: () => void;
}

export type WidgetModel = ReturnType<typeof createWidgetModel>;

export function createWidgetModel(options: { groupId: string | null }) {
  const groups = signal<Group[] | null>(null);
  const groupsError = signal<string | null>(null);
  const values = signal<PreChatValues>({ name: '', email: '', question: '', groupId: options.groupId ?? '' });
  const attempted = signal(false);
  const errors = computed<PreChatErrors>(() => (attempted.value ? validatePreChat(values.value) : {}));
  const submitting = signal(false);
  const submitError = signal<string | null>(null);
  const session = signal<ChatSession | null>(null);

  async function loadGroups(): Promise<void> {
    groupsError.value = null;
    try {
      const { groups: list } = await getJson<GroupsResponse>('/api/public/groups');
      groups.value = list;
      const chosen = values.value.groupId;
      if (!list.some((g) => g.id === chosen)) {
        // An unknown ?group= (or none): preselect the only group, otherwise let the visitor choose.
        values.value = { ...values.value, groupId: list.length === 1 && list[0] ? list[0].id : '' };
      }
    } catch (error) {
      groupsError.value = describeError(error);
    }
  }

  function setField(field: PreChatField, value: string): void {
    values.value = { ...values.value, [field]: value };
  }

  /** Validates and starts the chat; returns the first invalid field for the form to focus. */
  async function submit(): Promise<PreChatField | null> {
    attempted.value = true;
    const invalid = firstInvalid(errors.value);
    if (invalid !== null || submitting.value) return invalid;
    submitting.value = true;
    submitError.value = null;
    const { name, email, question, groupId } = values.value;
    try {
      const created = await postJson<CreatedChat>('/api/visitor/chats', {
        name: name.trim(),
        email: email.trim(),
        question: question.trim(),
        groupId,
      });
      const stored: StoredChat = { chatId: created.chatId, token: created.token, lastSeq: 0, events: [], outbox: [] };
      saveChat(stored);
      values.value = { ...values.value, question: '' };
      attempted.value = false;
      session.value = startSession(stored);
    } catch (error) {
      submitError.value = describeError(error);
    } finally {
      submitting.value = false;
    }
    return null;
  }

  /** Forgets the chat (ended or unreachable) and shows the form again, name and email kept. */
  function startOver(): void {
    session.value?.stop();
    session.value = null;
    clearChat();
    if (groups.value === null) void loadGroups();
  }

  const stored = loadChat();
  if (stored) session.value = startSession(stored);
  else void loadGroups();

  return {
    groups,
    groupsError,
    values,
    errors,
    submitting,
    submitError,
    session,
    loadGroups,
    setField,
    submit,
    startOver,
  };
}

function startSession(stored: StoredChat): ChatSession {
  const { chatId, token } = stored;
  const conversation = createConversation(stored, (frame) => socket.send(frame));
  const socket = openSocket<ServerFrame, ClientFrame>({
    path: () =>
      `/api/visitor/chats/${encodeURIComponent(chatId)}/ws?token=${encodeURIComponent(token)}&after=${conversation.lastSeq.value}`,
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
  // Persist after every change, so a reload resumes exactly here.
  const stopSaving = effect(() => {
    saveChat({ chatId, token, lastSeq: conversation.lastSeq.value, events: [...conversation.events.value], outbox: [...conversation.outbox.value] });
  });
  return {
    chatId,
    conversation,
    socket,
    stop() {
      stopSaving();
      socket.close();
    },
  };
}
