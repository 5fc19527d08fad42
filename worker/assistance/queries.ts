// Agent assistance's searches, both one FTS5 MATCH built by objects/rules/assistance.ts: published
// articles in the customers' index (kb_search holds nothing else) and resolutions in the staff-only
// one (resolution_search), the latter kept to the caller's groups (administrators: all groups).
// The two run in one D1 batch, one round trip.
import type { SessionAgent } from '../http/app-env.ts';
import { chatRef, ticketRef } from '../items/queries.ts';
import type { SuggestedArticle, SuggestedResolution } from './wire.ts';

/** How many of each the panel shows: a glance, not a search page. */
export const ARTICLE_SUGGESTIONS = 5;
export const RESOLUTION_SUGGESTIONS = 3;
/**
 * bm25's column weights for kb_search (article_id, title, body): a title word counts twice a body
 * word. Lower than the widget's 5 (worker/kb/queries.ts): a conversation holds many words, and a
 * title that shares one of them is less telling than a body that shares several. (The labelled
 * set, test/workers/assistance/, scores the same with 1, 2 and 5.)
 */
const ARTICLE_WEIGHTS = '0.0, 2.0, 1.0';
/** The words of context either side of a match in an article's snippet. */
const SNIPPET_TOKENS = 16;

interface ResolutionRow {
  id: string;
  source: 'chat' | 'ticket';
  sourceId: string;
  text: string;
  authorName: string;
  createdAt: number;
  ticketNumber: number | null;
  ticketSubject: string | null;
  visitorName: string | null;
  groupName: string | null;
}

/** Where a customer reads an article (worker/kb/page.ts). */
export function articleUrl(origin: string, articleId: string): string {
  return `${origin}/kb/${encodeURIComponent(articleId)}`;
}

function fromOf(r: ResolutionRow): SuggestedResolution['from'] {
  return r.source === 'ticket'
    ? { ...ticketRef({ id: r.sourceId, number: r.ticketNumber ?? 0, subject: r.ticketSubject ?? '' }), kind: 'ticket' }
    : { ...chatRef({ id: r.sourceId, visitorName: r.visitorName ?? 'a customer', groupName: r.groupName ?? '' }), kind: 'chat' };
}

/**
 * The best published articles and the caller's groups' best resolutions for `match`, leaving
 * out the chat's own resolutions (they are about this very conversation).
 */
export async function suggest(
  db: D1Database,
  match: string,
  caller: Pick<SessionAgent, 'id' | 'role'>,
  chatId: string,
  origin: string,
): Promise<{ articles: SuggestedArticle[]; resolutions: SuggestedResolution[] }> {
  const mine = caller.role === 'admin' ? '' : 'AND r.group_id IN (SELECT group_id FROM memberships WHERE agent_id = ?3)';
  const [articles, resolutions] = await db.batch([
    db
      .prepare(
        `SELECT article_id AS id, title, snippet(kb_search, 2, '', '', '…', ${SNIPPET_TOKENS}) AS snippet
           FROM kb_search WHERE kb_search MATCH ?1 ORDER BY bm25(kb_search, ${ARTICLE_WEIGHTS}) LIMIT ?2`,
      )
      .bind(match, ARTICLE_SUGGESTIONS),
    db
      .prepare(
        `SELECT r.entry_id AS id, r.source, r.source_id AS sourceId, r.text, r.author_name AS authorName, r.created_at AS createdAt,
                t.number AS ticketNumber, t.subject AS ticketSubject, ch.visitor_name AS visitorName, ch.group_name AS groupName
           FROM resolution_search s
           JOIN resolutions r ON r.id = s.rowid
           LEFT JOIN tickets t ON r.source = 'ticket' AND t.id = r.source_id
           LEFT JOIN chats ch ON r.source = 'chat' AND ch.id = r.source_id
          WHERE resolution_search MATCH ?1 AND NOT (r.source = 'chat' AND r.source_id = ?2) ${mine}
          ORDER BY bm25(resolution_search) LIMIT ?4`,
      )
      .bind(match, chatId, caller.id, RESOLUTION_SUGGESTIONS),
  ]);
  return {
    articles: (articles!.results as Omit<SuggestedArticle, 'url'>[]).map((a) => ({ ...a, url: articleUrl(origin, a.id) })),
    resolutions: (resolutions!.results as ResolutionRow[]).map((r) => ({ id: r.id, text: r.text, from: fromOf(r), authorName: r.authorName, createdAt: r.createdAt })),
  };
}
