// A chat's comments as they stand, folded from its log (the `comment`, `comment-edited` and
// `comment-deleted` events, all staff only), and who may change one. A shared rule: the chat
// object uses it to decide edits and to project comments to D1; the console uses the same code for
// the Comments tab, the pinned sticky comments and which comments it offers to edit. Pure.
import type { ChatComment, ChatEvent, CommentKind, Person } from '../protocol.ts';

/** The comments that exist after these events, oldest first. */
export function currentComments(events: Iterable<ChatEvent>): ChatComment[] {
  const byId = new Map<string, ChatComment>();
  for (const event of events) {
    switch (event.kind) {
      case 'comment':
        byId.set(event.commentId, {
          id: event.commentId,
          kind: event.commentKind,
          text: event.text,
          by: event.by,
          at: event.at,
          editedBy: null,
          editedAt: null,
          dueAt: event.dueAt,
          forTarget: event.forTarget,
        });
        break;
      case 'comment-edited': {
        const comment = byId.get(event.commentId);
        if (comment) byId.set(event.commentId, { ...comment, text: event.text, editedBy: event.by, editedAt: event.at });
        break;
      }
      case 'comment-deleted':
        byId.delete(event.commentId);
        break;
      default:
        break;
    }
  }
  return [...byId.values()];
}

/** Authors change their own comments; managers and administrators (supervisors) anyone's. */
export function mayChangeComment(comment: Pick<ChatComment, 'by'>, by: { person: Person; supervisor: boolean }): boolean {
  return by.person.role === 'agent' && (comment.by.id === by.person.id || by.supervisor);
}

/** The seed's names for the comment types. */
export const COMMENT_LABELS: Record<CommentKind, string> = {
  general: 'General',
  resolution: 'Resolution',
  transfer: 'Transfer',
  'follow-up': 'Follow-Up',
  sticky: 'Sticky',
};
