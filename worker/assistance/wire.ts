// The body of `GET /api/chats/:id/assistance`, defined once: the route checks what it sends with
// `satisfies`, the console's Assistance panel imports the type.
import type { ItemRef } from '../../objects/rules/items.ts';

/** A published knowledge-base article that may answer the customer. */
export interface SuggestedArticle {
  id: string;
  title: string;
  /** Where a customer reads it: an absolute link to send them (`/kb/<id>` on this deployment). */
  url: string;
  /** The passage that matched, plain text. */
  snippet: string;
}

/** How an earlier chat or ticket was solved (staff only: a customer never sees it unless an agent sends it). */
export interface SuggestedResolution {
  /** The comment's or the ticket entry's id. */
  id: string;
  text: string;
  /** The chat or ticket it was written on. */
  from: ItemRef & { kind: 'chat' | 'ticket' };
  authorName: string;
  createdAt: number;
}

export interface AssistanceResponse {
  /** The words of the conversation that were searched for, most telling first (none: nothing to search yet). */
  terms: string[];
  articles: SuggestedArticle[];
  resolutions: SuggestedResolution[];
}
