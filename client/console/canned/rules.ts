// The console's rules for canned replies, pure (tested under Node and Deno): the `#shortcut` being
// typed at the cursor, the replies whose shortcut it matches, the picker's search, and the
// picker's folders. The variables and who may change what are objects/rules/canned.ts.
import type { CannedReply } from '../../../worker/canned/wire.ts';
import { SHORTCUT_CHAR } from '../../../objects/rules/canned.ts';
import type { Selection } from '../../shared/draft.ts';

/** The most shortcuts the reply box's list offers at once. */
export const MAX_SHORTCUT_MATCHES = 8;

/** `#ref` typed in the reply box: where the token is (the `#` included) and what follows the `#`. */
export interface ShortcutToken {
  start: number;
  end: number;
  /** Lower case, what was typed between the `#` and the cursor. */
  query: string;
}

/**
 * The `#shortcut` the cursor is in, if any: a `#` that starts a word (at the start or after a
 * space, so `order#12` is not one), at least one shortcut character typed after it, and no
 * selection. The token runs on past the cursor over shortcut characters, so choosing replaces it
 * whole.
 */
export function shortcutToken(text: string, at: Selection): ShortcutToken | null {
  if (at.start !== at.end) return null;
  let from = at.start;
  while (from > 0 && SHORTCUT_CHAR.test(text[from - 1]!)) from--;
  const hash = from - 1;
  if (hash < 0 || text[hash] !== '#' || from === at.start) return null;
  if (hash > 0 && !/\s/.test(text[hash - 1]!)) return null;
  let end = at.start;
  while (end < text.length && SHORTCUT_CHAR.test(text[end]!)) end++;
  return { start: hash, end, query: text.slice(from, at.start).toLowerCase() };
}

/** Replies whose shortcut starts with the query, shortest first, then those that merely contain it. */
export function matchShortcuts(replies: readonly CannedReply[], query: string, limit = MAX_SHORTCUT_MATCHES): CannedReply[] {
  const q = query.toLowerCase();
  const rank = (r: CannedReply) => (r.shortcut!.startsWith(q) ? 0 : 1);
  return replies
    .filter((r) => r.mayUse && r.shortcut !== null && r.shortcut.includes(q))
    .sort((a, b) => rank(a) - rank(b) || a.shortcut!.length - b.shortcut!.length || a.shortcut!.localeCompare(b.shortcut!) || a.title.localeCompare(b.title))
    .slice(0, limit);
}

/** The picker's search: every word typed must be in the title, the shortcut, the folder or the text. */
export function searchReplies(replies: readonly CannedReply[], search: string): CannedReply[] {
  const words = search.toLowerCase().split(/\s+/).filter((w) => w !== '');
  return replies.filter((r) => {
    const haystack = `${r.title}\n${r.shortcut ?? ''}\n${r.folder}\n${r.body}`.toLowerCase();
    return words.every((w) => haystack.includes(w.replace(/^#/, '')));
  });
}

export interface Folder {
  /** '' is the top level, shown first as "Unfiled". */
  name: string;
  replies: CannedReply[];
}

/** The replies by folder, folders and titles in alphabetical order (the top level first). */
export function byFolder(replies: readonly CannedReply[]): Folder[] {
  const folders = new Map<string, CannedReply[]>();
  for (const r of replies) folders.set(r.folder, [...(folders.get(r.folder) ?? []), r]);
  return [...folders.entries()]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, undefined, { sensitivity: 'base' })))
    .map(([name, list]) => ({ name, replies: list.sort((x, y) => x.title.localeCompare(y.title, undefined, { sensitivity: 'base' })) }));
}

/** Where the token still is, once a fill has come back: the same text at the same place, or null (the agent changed it). */
export function tokenStillThere(text: string, token: { start: number; end: number; text: string }): Selection | null {
  return text.slice(token.start, token.end) === token.text ? { start: token.start, end: token.end } : null;
}

/**
 * `text` with `range` replaced by `snippet`, and the cursor where the person left it: after the
 * snippet if it was in the range, moved along with what they typed after it while the reply was
 * being filled (a fast typist's next words stay after the reply, not before it).
 */
export function replaceRange(text: string, range: Selection, snippet: string, cursor: Selection): { text: string; selection: Selection } {
  const delta = snippet.length - (range.end - range.start);
  const place = (at: number) => (at >= range.end ? at + delta : at <= range.start ? at : range.start + snippet.length);
  return { text: text.slice(0, range.start) + snippet + text.slice(range.end), selection: { start: place(cursor.start), end: place(cursor.end) } };
}
