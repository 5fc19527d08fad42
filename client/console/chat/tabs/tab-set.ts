// Which of the seed's tabs a chat shows, and the count on each label, from the chat's data alone:
// a tab is displayed only when something is associated with it (Conversation and History always
// are). One pure function, so the pane, its tests and the print view agree; Time Logs and Related
// Items take their counts from the help-desk items once those exist.
import type { ChatComment, ChatEvent } from '../../../../objects/protocol.ts';

export const TAB_IDS = ['conversation', 'comments', 'attachments', 'time-logs', 'related', 'fields', 'history', 'survey'] as const;
export type PaneTab = (typeof TAB_IDS)[number];

export const TAB_LABELS: Readonly<Record<PaneTab, string>> = {
  conversation: 'Conversation',
  comments: 'Comments',
  attachments: 'Attachments',
  'time-logs': 'Time Logs',
  related: 'Related Items',
  fields: 'Custom Fields',
  history: 'History',
  survey: 'Survey',
};

export interface TabData {
  events: readonly ChatEvent[];
  comments: readonly ChatComment[];
  /** The chat's custom fields with a value. */
  fields: Readonly<Record<string, string>>;
  timeLogs: number;
  relatedItems: number;
}

export interface TabEntry {
  id: PaneTab;
  label: string;
  /** How many items the tab holds (null for Conversation and History, which always show). */
  count: number | null;
}

export function chatTabs(data: TabData): TabEntry[] {
  const counts: Record<PaneTab, number | null> = {
    conversation: null,
    comments: data.comments.length,
    attachments: data.events.filter((e) => e.kind === 'file').length,
    'time-logs': data.timeLogs,
    related: data.relatedItems,
    fields: Object.values(data.fields).filter((v) => v !== '').length,
    history: null,
    survey: data.events.filter((e) => e.kind === 'survey').length,
  };
  return TAB_IDS.filter((id) => counts[id] === null || counts[id] > 0).map((id) => {
    const count = counts[id];
    return { id, count, label: count === null ? TAB_LABELS[id] : `${TAB_LABELS[id]} (${count})` };
  });
}

/** The comments pinned at the top of the chat view. */
export function stickyComments(comments: readonly ChatComment[]): ChatComment[] {
  return comments.filter((c) => c.kind === 'sticky');
}

/**
 * The Transfer comment written with the chat's latest transfer, if any: whoever received the chat
 * sees it prominently. An older transfer's note is in the Comments tab only.
 */
export function latestTransferNote(events: readonly ChatEvent[], comments: readonly ChatComment[]): ChatComment | null {
  let last: ChatEvent | undefined;
  for (const e of events) if (e.kind === 'transferred') last = e;
  if (!last) return null;
  const from = last.seq;
  const note = events.find((e) => e.seq > from && e.kind === 'comment' && e.commentKind === 'transfer');
  if (!note || note.kind !== 'comment') return null;
  return comments.find((c) => c.id === note.commentId) ?? null;
}
