// Replies the visitor has not seen: staff's messages and files after the last sequence number the
// visitor had in front of them (the panel open). The loader shows the count on its launcher.
// Pure, tested under Node and Deno.
import type { ChatEvent } from '../../objects/protocol.ts';

export function unreadReplies(events: readonly ChatEvent[], seenSeq: number): number {
  let count = 0;
  for (const e of events) {
    if (e.seq > seenSeq && (e.kind === 'message' || e.kind === 'file') && e.from.role === 'agent') count++;
  }
  return count;
}
