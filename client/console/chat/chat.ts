// The chat open in the preview pane (or a pop-out window): its conversation (shared with the
// widget's logic) over the agent socket `/api/chats/<id>/ws`, which authenticates with the session
// cookie, and the toolbar's actions. Take, Take over, End, Transfer, Follow-up and Delete are HTTP
// calls whose refusals come back as `{error: {code, message}}`; Join is a socket frame. What they
// change arrives over the socket (events and `chat` frames), never from the HTTP answer.
import type { CommentBody, CommentResponse, FieldsBody, TimeLogBody, TimeLogResponse, FollowUpBody, TranscriptEmailBody, TransferBody, TranslateBody } from '../../../worker/chats/wire.ts';
import type { CustomField } from '../../../objects/rules/fields.ts';
import type { ChatCustomerResponse } from '../../../worker/customers/wire.ts';
import { currentComments } from '../../../objects/rules/comments.ts';
import { currentTimeLogs } from '../../../objects/rules/time-logs.ts';
import { loadFieldDefinitions } from './field-definitions.ts';
import { type ChatItems, createChatItems } from './record/chat-items.ts';
import { type ChatManualEvents, createChatManualEvents } from '../manual-events/manual-events.ts';
import type { PaneTab } from './tabs/tab-set.ts';
import { createDraft, type Draft } from '../../shared/draft.ts';
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ChatComment, ChatListRow, ClientFrame, CommentKind, ServerFrame, TimeLog } from '../../../objects/protocol.ts';
import { del, describeError, getJson, patchJson, post, put, putJson, type ChatRowResponse, type TransferTo, postFile, postJson, type TranslateResponse, type TranslatedLine } from '../../shared/api.ts';
import { createConversation, type Conversation, type ConversationSeed } from '../../shared/conversation.ts';
import { openSocket, type LiveSocket } from '../../shared/socket.ts';

/** The toolbar's actions that wait for an HTTP answer. */
export type ChatAction = 'take' | 'take-over' | 'end' | 'transfer' | 'follow-up' | 'delete' | 'comment' | 'fields' | 'time-log';
export type PaneDialog = 'transfer' | 'follow-up' | 'delete' | 'end' | 'comment' | 'time-log' | 'ticket' | 'task' | 'call' | 'relate' | null;
export type { PaneTab } from './tabs/tab-set.ts';

/** What Add → Comment sends: a Follow-Up comment's due time is ms since the epoch. */
export interface NewComment {
  kind: CommentKind;
  text: string;
  dueAt: number | null;
}


export interface OpenChatOptions {
  /** The chat was deleted from here. */
  onDeleted(): void;
}

export interface OpenChat {
  chatId: string;
  conversation: Conversation;
  /** The reply box's draft and the coaching box's: text can be inserted at their cursors. */
  replyDraft: Draft;
  coachDraft: Draft;
  /** The toolbar's requests that are not commands of the chat (they throw what the server refused). */
  sendFile(file: File): Promise<void>;
  emailTranscript(addresses: readonly string[]): Promise<void>;
  translate(language: string): Promise<TranslatedLine[]>;
  socket: LiveSocket<ClientFrame>;
  /** The list row, for what the socket's snapshot lacks (the visitor's email). */
  row: ReadonlySignal<ChatListRow | null>;
  /** The toolbar action waiting for its answer, if any. */
  pending: ReadonlySignal<ChatAction | null>;
  /** The server's refusal of the last toolbar action (e.g. "Bob has already taken this chat."). */
  actionError: ReadonlySignal<string | null>;
  dialog: ReadonlySignal<PaneDialog>;
  tab: ReadonlySignal<PaneTab>;
  /** The chat's comments as they stand, folded from the live log (staff only). */
  comments: ReadonlySignal<ChatComment[]>;
  /** The custom fields defined for chats (labels and rules for the Custom Fields tab). */
  fieldDefs: ReadonlySignal<CustomField[]>;
  /** The chat's time logs as they stand (staff only), and the pane's start/stop timer (when it started, or null). */
  timeLogs: ReadonlySignal<TimeLog[]>;
  timerStartedAt: ReadonlySignal<number | null>;
  startTimer(): void;
  /** Stops the timer and opens New Time Log with the minutes it measured (at least one). */
  stopTimer(now: number): void;
  /** The minutes New Time Log offers (from the timer), if any. */
  measuredMinutes: ReadonlySignal<number | null>;
  /** Tickets, tasks, call logs and chats related to this one, and making or relating them. */
  items: ChatItems;
  /** The manual events the Actions (…) menu offers on this chat, and the last run's report. */
  manualEvents: ChatManualEvents;
  /** Who the customer is beyond the chat: verified or not, and the sticky comments about them (null until read). */
  customer: ReadonlySignal<ChatCustomerResponse | null>;
  logTime(body: TimeLogBody): Promise<boolean>;
  deleteTimeLog(timeLogId: string): Promise<string | null>;
  act(action: 'take' | 'take-over' | 'end'): Promise<void>;
  /** `comment`: a Transfer comment for whoever receives the chat. */
  transfer(to: TransferTo, comment?: string): Promise<void>;
  addComment(comment: NewComment): Promise<boolean>;
  /** Changes or deletes a comment; a refusal comes back as the message to show (null: done). */
  editComment(commentId: string, text: string): Promise<string | null>;
  deleteComment(commentId: string): Promise<string | null>;
  /** Saves custom fields ('' clears one); the refusal (naming the field) comes back, null when saved. */
  saveFields(fields: Record<string, string>): Promise<string | null>;
  /** Schedules a follow-up (milliseconds since the epoch) or clears it (null). */
  setFollowUp(at: number | null): Promise<void>;
  remove(): Promise<void>;
  /** Joins the conversation openly (barge-in): the customer is told, and my messages reach them. */
  join(): void;
  openDialog(dialog: Exclude<PaneDialog, null>): void;
  closeDialog(): void;
  showTab(tab: PaneTab): void;
  dismissActionError(): void;
  /** Closes the socket and returns what to keep for reopening it later. */
  close(): ConversationSeed;
}

/** Runs a request whose refusal is shown where it was asked: the message, or null when done. */
async function refusalOf(call: () => Promise<unknown>): Promise<string | null> {
  try {
    await call();
    return null;
  } catch (error) {
    return describeError(error);
  }
}

export function openChat(chatId: string, seed: ConversationSeed, row: ChatListRow | null, options: OpenChatOptions): OpenChat {
  const path = `/api/chats/${encodeURIComponent(chatId)}`;
  const conversation = createConversation(seed, (frame) => socket.send(frame));
  const socket = openSocket<ServerFrame, ClientFrame>({
    // frames=many: this client reads several frames in one message (client/shared/socket.ts).
    path: () => `${path}/ws?after=${conversation.lastSeq.value}&frames=many`,
    onFrame(frame) {
      if (conversation.handle(frame) === 'resync') socket.reconnect();
    },
    onDown: () => conversation.disconnected(),
  });
  const known = signal<ChatListRow | null>(row);
  const pending = signal<ChatAction | null>(null);
  const actionError = signal<string | null>(null);
  const dialog = signal<PaneDialog>(null);
  const tab = signal<PaneTab>('conversation');
  const comments = computed(() => currentComments(conversation.events.value));
  const timeLogs = computed(() => currentTimeLogs(conversation.events.value));
  const timerStartedAt = signal<number | null>(null);
  const measuredMinutes = signal<number | null>(null);
  const relatedEvents = computed(() => conversation.events.value.filter((e) => e.kind === 'related').length);
  const items = createChatItems(chatId, relatedEvents);
  const manualEvents = createChatManualEvents(
    chatId,
    computed(() => conversation.chat.value?.groupId ?? null),
    computed(() => conversation.chat.value?.visitor.name ?? known.value?.visitorName ?? 'this chat'),
  );
  const fieldDefs = signal<CustomField[]>([]);
  void loadFieldDefinitions().then((defs) => (fieldDefs.value = defs));
  /** What is being typed to the customer and in the coaching box: owned here, so other features
   * (canned replies, assistance) can insert text at the cursor. */
  const replyDraft = createDraft();
  const coachDraft = createDraft();
  const customer = signal<ChatCustomerResponse | null>(null);
  getJson<ChatCustomerResponse>(`/api/customers/of-chat/${encodeURIComponent(chatId)}`).then(
    (found) => (customer.value = found),
    () => undefined, // the header shows the email without the verification badge
  );
  if (row === null) {
    getJson<ChatRowResponse>(path).then(
      ({ chat }) => (known.value = chat),
      () => undefined, // the header just shows less; the socket reports real problems
    );
  }

  /**
   * Runs one action; a refusal is shown (in the open dialog, if any), success closes the dialog it
   * was started from, never one opened since (Take, then New Ticket before the take has answered).
   */
  async function run(action: ChatAction, call: () => Promise<void>): Promise<boolean> {
    if (pending.value !== null) return false;
    pending.value = action;
    actionError.value = null;
    conversation.dismissNotice();
    const startedFrom = dialog.value;
    try {
      await call();
      if (dialog.value === startedFrom) dialog.value = null;
      return true;
    } catch (error) {
      actionError.value = describeError(error);
      return false;
    } finally {
      pending.value = null;
    }
  }

  return {
    chatId,
    conversation,
    replyDraft,
    coachDraft,
    socket,
    row: known,
    pending,
    actionError,
    dialog,
    tab,
    comments,
    fieldDefs,
    timeLogs,
    timerStartedAt,
    measuredMinutes,
    items,
    manualEvents,
    customer,
    startTimer() {
      timerStartedAt.value = Date.now();
    },
    stopTimer(now) {
      const started = timerStartedAt.value;
      if (started === null) return;
      timerStartedAt.value = null;
      measuredMinutes.value = Math.max(1, Math.round((now - started) / 60_000));
      actionError.value = null;
      dialog.value = 'time-log';
    },
    async logTime(body) {
      const ok = await run('time-log', () => postJson<TimeLogResponse>(`${path}/time-logs`, body).then(() => undefined));
      if (ok) measuredMinutes.value = null;
      return ok;
    },
    deleteTimeLog: (timeLogId) => refusalOf(() => del(`${path}/time-logs/${encodeURIComponent(timeLogId)}`)),
    async sendFile(file) {
      await postFile(`${path}/files`, file, file.name);
    },
    async emailTranscript(addresses) {
      await postJson(`${path}/transcript-email`, { addresses: addresses.join('; ') } satisfies TranscriptEmailBody);
    },
    async translate(language) {
      return (await postJson<TranslateResponse>(`${path}/translate`, { language } satisfies TranslateBody)).lines;
    },
    async act(action) {
      await run(action, () => post(`${path}/${action}`));
    },
    async transfer(to, comment) {
      const body: TransferBody = comment?.trim() ? { to, comment } : { to };
      await run('transfer', () => post(`${path}/transfer`, body));
    },
    async addComment(comment) {
      const body: CommentBody = { kind: comment.kind, text: comment.text, ...(comment.kind === 'follow-up' ? { dueAt: comment.dueAt } : {}) };
      return run('comment', () => postJson<CommentResponse>(`${path}/comments`, body).then(() => undefined));
    },
    editComment: (commentId, text) => refusalOf(() => patchJson<CommentResponse>(`${path}/comments/${encodeURIComponent(commentId)}`, { text })),
    deleteComment: (commentId) => refusalOf(() => del(`${path}/comments/${encodeURIComponent(commentId)}`)),
    saveFields: (fields) => refusalOf(() => putJson(`${path}/fields`, { fields } satisfies FieldsBody)),
    async setFollowUp(at) {
      await run('follow-up', () => put(`${path}/follow-up`, { at } satisfies FollowUpBody));
    },
    async remove() {
      if (await run('delete', () => del(path))) options.onDeleted();
    },
    join() {
      actionError.value = null;
      if (!conversation.command({ type: 'join' })) actionError.value = 'Not connected: try again in a moment.';
    },
    openDialog(next) {
      actionError.value = null;
      items.clearProblem();
      dialog.value = next;
    },
    closeDialog() {
      if (pending.value !== null) return;
      dialog.value = null;
      actionError.value = null; // it was shown in the dialog
    },
    showTab(next) {
      tab.value = next;
    },
    dismissActionError() {
      actionError.value = null;
    },
    close() {
      items.dispose();
      manualEvents.dispose();
      socket.close();
      return conversation.seed();
    },
  };
}
