// The Assistance panel's small rules, apart from its model so they are tested under Node and
// Deno: when the panel asks again (a new customer message), what one click puts in the reply box
// (an article's title and link, or a resolution's text, with a space either side where the words
// around the cursor need one), and how the panel counts what it found. Pure.
import type { ChatEvent } from '../../../objects/protocol.ts';
import type { Selection } from '../../shared/draft.ts';
import type { SuggestedArticle } from '../../../worker/assistance/wire.ts';

/** The last customer message's sequence number (0: none yet). A new one means: ask again. */
export function lastCustomerMessage(events: readonly ChatEvent[]): number {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.kind === 'message' && e.from.role === 'visitor') return e.seq;
  }
  return 0;
}

/** What an article becomes in a reply: its title, then where the customer reads it. */
export function articleText(article: Pick<SuggestedArticle, 'title' | 'url'>): string {
  return `${article.title}: ${article.url}`;
}

/** The snippet with a space before it and after it where the text at the cursor runs on without one. */
export function spacedAt(text: string, at: Selection, snippet: string): string {
  // The snippet goes after a selection (client/shared/draft.ts insertAt), so both sides are read from its end.
  const before = text.slice(0, Math.max(0, Math.min(at.end, text.length)));
  const after = text.slice(Math.max(0, Math.min(at.end, text.length)));
  return `${before !== '' && !/\s$/u.test(before) ? ' ' : ''}${snippet}${after !== '' && !/^[\s.,;:!?)]/u.test(after) ? ' ' : ''}`;
}

/** "3 suggestions", "1 suggestion", "No suggestions": said politely to screen readers as the list changes. */
export function suggestionCount(n: number): string {
  return n === 0 ? 'No suggestions' : `${n} suggestion${n === 1 ? '' : 's'}`;
}
