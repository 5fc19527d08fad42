// Agent assistance in one open chat (the seed's toolbar action "Assistance"): the articles and
// earlier resolutions the server suggests for the conversation so far, asked again shortly after
// each customer message while the panel is shown, and one click putting a suggestion at the reply
// box's cursor. A model beside the chat's (chat.ts): one per open chat, kept as long as the chat
// is; it never touches the DOM. Whether the panel is shown is one choice for every chat.
import { batch, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { ChatEvent } from '../../../objects/protocol.ts';
import type { AssistanceResponse, SuggestedArticle, SuggestedResolution } from '../../../worker/assistance/wire.ts';
import { describeError, getJson } from '../../shared/api.ts';
import type { Draft } from '../../shared/draft.ts';
import type { OpenChat } from '../chat/chat.ts';
import { articleText, lastCustomerMessage, spacedAt } from './rules.ts';

/**
 * How long after a customer message the panel asks again: long enough that a customer who sends
 * three short lines in a row costs one search, short enough to feel live.
 */
export const ASSISTANCE_REFRESH_MS = 1000;

/** The panel is shown (or not) in every chat the agent opens, until they toggle it again. */
export const assistanceShown = signal(false);

export function toggleAssistance(): void {
  assistanceShown.value = !assistanceShown.value;
}

export interface ChatAssistance {
  /** The latest suggestions (null until the first answer). */
  suggestions: ReadonlySignal<AssistanceResponse | null>;
  loading: ReadonlySignal<boolean>;
  problem: ReadonlySignal<string | null>;
  /** Said to screen readers once a suggestion is inserted. */
  announcement: ReadonlySignal<string>;
  refresh(): Promise<void>;
  /** Asks now, then again ASSISTANCE_REFRESH_MS after each new customer message; the returned function stops. */
  follow(): () => void;
  insertArticle(article: SuggestedArticle): void;
  insertResolution(resolution: SuggestedResolution): void;
}

const models = new WeakMap<OpenChat, ChatAssistance>();

/** The assistance model of an open chat (made on first use, kept with the chat). */
export function assistanceOf(chat: OpenChat): ChatAssistance {
  let model = models.get(chat);
  if (!model) models.set(chat, (model = createChatAssistance(chat.chatId, chat.conversation.events, chat.replyDraft)));
  return model;
}

export function createChatAssistance(chatId: string, events: ReadonlySignal<readonly ChatEvent[]>, draft: Draft): ChatAssistance {
  const suggestions = signal<AssistanceResponse | null>(null);
  const loading = signal(false);
  const problem = signal<string | null>(null);
  const announcement = signal('');
  /** Answers can arrive out of order: only the latest request's is kept. */
  let asked = 0;

  async function refresh(): Promise<void> {
    const mine = ++asked;
    loading.value = true;
    try {
      const found = await getJson<AssistanceResponse>(`/api/chats/${encodeURIComponent(chatId)}/assistance`);
      if (mine !== asked) return;
      batch(() => {
        suggestions.value = found;
        problem.value = null;
      });
    } catch (error) {
      if (mine === asked) problem.value = describeError(error);
    } finally {
      if (mine === asked) loading.value = false;
    }
  }

  function insert(snippet: string, what: string): void {
    draft.insert(spacedAt(draft.text.value, draft.selection.value, snippet));
    announcement.value = `Inserted ${what} in the reply.`;
  }

  return {
    suggestions,
    loading,
    problem,
    announcement,
    refresh,
    follow() {
      let seen = -1;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stop = effect(() => {
        const latest = lastCustomerMessage(events.value);
        if (latest === seen) return;
        const first = seen === -1;
        seen = latest;
        clearTimeout(timer);
        if (first) void refresh();
        else timer = setTimeout(() => void refresh(), ASSISTANCE_REFRESH_MS);
      });
      return () => {
        stop();
        clearTimeout(timer);
      };
    },
    insertArticle(article) {
      insert(articleText(article), `the article “${article.title}”`);
    },
    insertResolution(resolution) {
      insert(resolution.text, 'the resolution');
    },
  };
}
