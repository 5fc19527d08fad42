// The visitor widget as signals and actions: the form, then (when the knowledge base has answers)
// the suggested articles, then one chat; or a message left when nobody is online. It never
// touches the DOM; components read these signals and call these actions, and the entry point
// owns page-level effects (title, colours, messages to the embedding page).
import { signal } from '@preact/signals';
import { describeError } from '../shared/api.ts';
import {
  countDeflection, createChat, fetchArticle, fetchEarlierChats, fetchEarlierTranscript, leaveMessage, searchArticles, type Article, type Suggestion,
  type TranscriptResponse, type VisitorHistoryResponse,
} from './customer-api.ts';
import { createFormModel } from './form-model.ts';
import type { WidgetOptions } from './options.ts';
import { startSession, type ChatSession } from './chat-session.ts';
import { clearChat, loadChat, saveChat, type StoredChat } from './storage.ts';

export type { ChatSession } from './chat-session.ts';

/** After this many failed reconnects in a row, offer to start over (the chat may be gone). */
export const OFFER_RESTART_AFTER_FAILURES = 5;

/** Where the visitor is before a chat exists. */
export type Step =
  | { name: 'form' }
  /** The intermediary page: articles that may answer the question, before the chat is created. */
  | { name: 'suggestions'; articles: Suggestion[] }
  | { name: 'article'; articles: Suggestion[]; id: string; article: Article | null; error: string | null }
  /** An article solved it: no chat was created. */
  | { name: 'solved' }
  | { name: 'message' }
  | { name: 'message-sent'; email: string }
  /** One of a verified customer's earlier conversations, read only. */
  | { name: 'earlier'; chatId: string; transcript: TranscriptResponse | null; error: string | null };

export type WidgetModel = ReturnType<typeof createWidgetModel>;

export function createWidgetModel(options: WidgetOptions) {
  const form = createFormModel(options);
  const step = signal<Step>({ name: 'form' });
  /** What is under way, in words for a status line; null when idle. */
  const busy = signal<string | null>(null);
  /** A failure on the suggestions pages (the form shows its own). */
  const error = signal<string | null>(null);
  const session = signal<ChatSession | null>(null);
  /** A verified customer's earlier conversations (none for a visitor the site did not sign). */
  const earlier = signal<VisitorHistoryResponse['chats']>([]);

  async function loadEarlier(): Promise<void> {
    if (!options.identity) return;
    try {
      earlier.value = await fetchEarlierChats(options.identity);
    } catch {
      // An identity the server refuses shows no history; starting a chat says why.
      earlier.value = [];
    }
  }

  async function openEarlier(chatId: string): Promise<void> {
    if (!options.identity) return;
    step.value = { name: 'earlier', chatId, transcript: null, error: null };
    try {
      const transcript = await fetchEarlierTranscript(options.identity, chatId);
      if (step.value.name === 'earlier' && step.value.chatId === chatId) step.value = { ...step.value, transcript };
    } catch (failure) {
      if (step.value.name === 'earlier' && step.value.chatId === chatId) step.value = { ...step.value, error: describeError(failure) };
    }
  }

  /** Returns false when the form has problems (the form then focuses the first one). */
  async function submit(): Promise<boolean> {
    if (busy.value !== null) return true;
    if (!form.check()) return false;
    busy.value = 'Looking for answers…';
    let articles: Suggestion[] = [];
    try {
      articles = await searchArticles(form.values.value.question.trim());
    } catch {
      // Suggestions are a help, not a gate: without them the visitor goes straight to the chat.
    }
    if (articles.length === 0) return startChat().then(() => true);
    busy.value = null;
    error.value = null;
    step.value = { name: 'suggestions', articles };
    return true;
  }

  async function startChat(): Promise<void> {
    busy.value = 'Starting your chat…';
    try {
      const body = form.chatBody();
      const created = await createChat(body);
      const stored: StoredChat = { ...created, lastSeq: 0, events: [], outbox: [], email: body.email, rated: false, seenSeq: 0 };
      saveChat(stored);
      form.clearQuestion();
      step.value = { name: 'form' };
      session.value = startSession(stored);
    } catch (failure) {
      // Back to the form, where the problem is shown next to its field when it has one.
      step.value = { name: 'form' };
      form.refused(failure);
    } finally {
      busy.value = null;
    }
  }

  async function openArticle(id: string): Promise<void> {
    const current = step.value;
    if (current.name !== 'suggestions' && current.name !== 'article') return;
    const articles = current.articles;
    step.value = { name: 'article', articles, id, article: null, error: null };
    try {
      const article = await fetchArticle(id);
      if (step.value.name === 'article' && step.value.id === id) step.value = { ...step.value, article };
    } catch (failure) {
      if (step.value.name === 'article' && step.value.id === id) step.value = { ...step.value, error: describeError(failure) };
    }
  }

  function backToSuggestions(): void {
    const current = step.value;
    if (current.name === 'article') step.value = { name: 'suggestions', articles: current.articles };
  }

  /** The open article answered the question: count it for the knowledge base, start no chat. */
  async function solved(): Promise<void> {
    const current = step.value;
    if (current.name !== 'article' || busy.value !== null) return;
    busy.value = 'Sending…';
    error.value = null;
    try {
      const { groupId, question } = form.chatBody();
      await countDeflection(current.id, groupId, question);
      form.clearQuestion();
      step.value = { name: 'solved' };
    } catch (failure) {
      error.value = describeError(failure);
    } finally {
      busy.value = null;
    }
  }

  async function sendMessage(): Promise<boolean> {
    if (busy.value !== null) return true;
    if (!form.check()) return false;
    busy.value = 'Sending your message…';
    try {
      const body = form.messageBody();
      await leaveMessage(body);
      form.clearQuestion();
      step.value = { name: 'message-sent', email: body.email };
    } catch (failure) {
      form.refused(failure);
    } finally {
      busy.value = null;
    }
    return true;
  }

  function show(name: 'form' | 'message'): void {
    error.value = null;
    step.value = { name };
  }

  /** Forgets the chat (ended or unreachable) and shows the form again, name and email kept. */
  function startOver(): void {
    session.value?.stop();
    session.value = null;
    clearChat();
    show('form');
    void loadEarlier();
    // A chat resumed from storage never loaded the form's config.
    void (form.config.value === null ? form.load() : form.refresh());
  }

  /** The widget was shown again: who is online may have changed. */
  function reopened(): void {
    if (session.value === null && step.value.name === 'form') void form.refresh();
  }

  const stored = loadChat();
  if (stored) session.value = startSession(stored);
  else void form.load();
  void loadEarlier();

  return {
    form,
    step,
    earlier,
    openEarlier,
    busy,
    error,
    session,
    submit,
    continueToChat: startChat,
    openArticle,
    backToSuggestions,
    solved,
    sendMessage,
    show,
    startOver,
    reopened,
  };
}
