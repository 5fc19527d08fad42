// Which agents a chat's events tell something in their console (objects/protocol.ts Notice): the
// agent a chat was transferred to, the agent a chat was taken from, and whoever set a follow-up
// that fell due. Pure; the chat object sends what this returns through the group's lobby piece.
import type { ChatEvent, ChatNotice } from '../protocol.ts';

export interface Addressed {
  agentId: string;
  /** The group whose lobby piece holds the agent's console (they are a member of it). */
  groupId: string;
  notice: ChatNotice;
}

/**
 * The notices the chat's new events make. `groupBefore` is the chat's group before them (the
 * agent who loses a chat to another group is a member of that one), `groupAfter` its group now.
 */
export function noticesFor(chatId: string, visitorName: string, events: readonly ChatEvent[], groupBefore: string, groupAfter: string): Addressed[] {
  const out: Addressed[] = [];
  const notice = (event: ChatEvent, kind: ChatNotice['kind'], by: ChatNotice['by']): ChatNotice => ({
    id: `${chatId}:${event.seq}:${kind}`,
    kind,
    chatId,
    visitorName,
    by,
    at: event.at,
  });
  for (const event of events) {
    if (event.kind === 'taken' && event.fromAgent && event.fromAgent.id !== event.agent.id) {
      out.push({ agentId: event.fromAgent.id, groupId: groupBefore, notice: notice(event, 'taken-from-you', event.agent) });
    }
    if (event.kind === 'transferred') {
      if (event.to.kind === 'agent' && event.to.agent.id !== event.by.id) {
        out.push({ agentId: event.to.agent.id, groupId: groupAfter, notice: notice(event, 'transferred-to-you', event.by) });
      }
      if (event.fromAgent && event.fromAgent.id !== event.by.id) {
        out.push({ agentId: event.fromAgent.id, groupId: groupBefore, notice: notice(event, 'taken-from-you', event.by) });
      }
    }
  }
  return out;
}

/** The follow-up that fell due, for whoever set it; its id is the same however often the alarm runs. */
export function followUpNotice(chatId: string, visitorName: string, dueAt: number): ChatNotice {
  return { id: `${chatId}:follow-up:${dueAt}`, kind: 'follow-up-due', chatId, visitorName, by: null, at: dueAt };
}
