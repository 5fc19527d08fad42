// Canned replies in one open chat's reply box: filling a reply for this chat (the server puts the
// customer, the agent, the group and the fields in) and inserting it at the cursor, or in place of
// the `#shortcut` typed, never replacing the draft; the files of the replies inserted, queued to
// go with the next Send (the agent may drop any); and whether the picker is open. A model beside
// the chat's (chat.ts): one per open chat, kept as long as the chat is.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { CannedFile, CannedFillBody, CannedFillResponse, CannedReply, CannedSendFilesBody, CannedSendFilesResponse } from '../../../worker/canned/wire.ts';
import { describeError, postJson } from '../../shared/api.ts';
import type { Draft } from '../../shared/draft.ts';
import type { OpenChat } from '../chat/chat.ts';
import { replaceRange, tokenStillThere } from './rules.ts';

/** A file of an inserted reply, waiting for the next Send. */
export interface QueuedFile {
  replyId: string;
  replyTitle: string;
  file: CannedFile;
}

export interface ChatCanned {
  chatId: string;
  draft: Draft;
  queued: ReadonlySignal<readonly QueuedFile[]>;
  pickerOpen: ReadonlySignal<boolean>;
  /** A reply is being filled (its text is on its way). */
  filling: ReadonlySignal<boolean>;
  /** The last refusal (a fill, or files that could not be sent). */
  problem: ReadonlySignal<string | null>;
  /** Said to screen readers once a reply is inserted or its files are sent. */
  announcement: ReadonlySignal<string>;
  openPicker(): void;
  closePicker(): void;
  /**
   * Fills the reply for this chat and inserts it at the cursor, or, given the `#shortcut` token
   * that chose it, in its place (if the token is still there). Its files join the queue.
   */
  insert(reply: CannedReply, token?: { start: number; end: number; text: string }): Promise<boolean>;
  unqueue(item: QueuedFile): void;
  /** After a Send: the queued files go into the chat (those refused stay queued, with why). */
  sendQueued(): Promise<void>;
  dismissProblem(): void;
}

const models = new WeakMap<OpenChat, ChatCanned>();

/** The canned-reply model of an open chat (made on first use, kept with the chat). */
export function cannedOf(chat: OpenChat): ChatCanned {
  let model = models.get(chat);
  if (!model) models.set(chat, (model = createChatCanned(chat.chatId, chat.replyDraft)));
  return model;
}

export function createChatCanned(chatId: string, draft: Draft): ChatCanned {
  const queued = signal<readonly QueuedFile[]>([]);
  const pickerOpen = signal(false);
  const filling = signal(false);
  const problem = signal<string | null>(null);
  const announcement = signal('');
  let sending: Promise<void> | null = null;

  function queue(reply: CannedReply, files: readonly CannedFile[]): void {
    const fresh = files.filter((f) => !queued.value.some((q) => q.replyId === reply.id && q.file.id === f.id));
    if (fresh.length > 0) queued.value = [...queued.value, ...fresh.map((file) => ({ replyId: reply.id, replyTitle: reply.title, file }))];
  }

  async function sendAll(): Promise<void> {
    const batch = queued.value;
    const byReply = new Map<string, QueuedFile[]>();
    for (const q of batch) byReply.set(q.replyId, [...(byReply.get(q.replyId) ?? []), q]);
    const failed: QueuedFile[] = [];
    for (const [replyId, items] of byReply) {
      const body: CannedSendFilesBody = { chatId, fileIds: items.map((q) => q.file.id) };
      try {
        await postJson<CannedSendFilesResponse>(`/api/canned/${encodeURIComponent(replyId)}/send-files`, body);
      } catch (error) {
        failed.push(...items);
        problem.value = `The files of “${items[0]!.replyTitle}” were not sent: ${describeError(error)}`;
      }
    }
    // Files queued while these went stay queued, beside those that failed.
    queued.value = [...failed, ...queued.value.filter((q) => !batch.includes(q))];
    const sent = batch.length - failed.length;
    if (sent > 0) announcement.value = `${sent} file${sent === 1 ? '' : 's'} sent.`;
  }

  return {
    chatId,
    draft,
    queued,
    pickerOpen,
    filling,
    problem,
    announcement,
    openPicker() {
      problem.value = null;
      pickerOpen.value = true;
    },
    closePicker() {
      pickerOpen.value = false;
    },
    async insert(reply, token) {
      if (filling.value) return false;
      filling.value = true;
      problem.value = null;
      try {
        const body: CannedFillBody = { chatId };
        const filled = await postJson<CannedFillResponse>(`/api/canned/${encodeURIComponent(reply.id)}/fill`, body);
        const place = token ? tokenStillThere(draft.text.value, token) : null;
        if (place) {
          // In place of the token, keeping whatever was typed after it meanwhile after the reply.
          const out = replaceRange(draft.text.value, place, filled.text, draft.selection.value);
          draft.typed(out.text, out.selection);
        } else {
          draft.insert(filled.text);
        }
        queue(reply, filled.files);
        announcement.value = `Inserted “${reply.title}”${filled.files.length > 0 ? ` with ${filled.files.length} file${filled.files.length === 1 ? '' : 's'} to send` : ''}.`;
        return true;
      } catch (error) {
        problem.value = describeError(error);
        return false;
      } finally {
        filling.value = false;
      }
    },
    unqueue(item) {
      queued.value = queued.value.filter((q) => q !== item);
    },
    sendQueued() {
      if (queued.value.length === 0 && sending === null) return Promise.resolve();
      // One batch at a time, in the order the messages were sent (sendAll never rejects).
      const run = (sending ?? Promise.resolve()).then(sendAll);
      sending = run;
      void run.then(() => {
        if (sending === run) sending = null;
      });
      return run;
    },
    dismissProblem() {
      problem.value = null;
    },
  };
}
