// What a search result opened: the chat event (or ticket entry) to scroll to and mark, once it is
// on screen. Set by the search page, read by Conversation and the ticket's thread.
import { signal } from '@preact/signals';

export type SearchTarget = { kind: 'chat'; chatId: string; seq: number } | { kind: 'ticket'; ticketId: string; entryId: string };

export const searchTarget = signal<SearchTarget | null>(null);

/** Scrolls the element into the middle of its box, marks it and gives it focus (once). */
export function showTarget(element: HTMLElement | null | undefined): boolean {
  if (!element) return false;
  element.classList.add('search-hit');
  element.tabIndex = -1;
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
  return true;
}
