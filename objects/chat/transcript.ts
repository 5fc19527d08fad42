// A chat as plain text, for email and print. It is built from the events one audience may see
// (ChatRoom.transcript), so a customer's copy can never hold a coaching line. Pure.
import type { ChatEvent, ChatSnapshot } from '../protocol.ts';

function clock(at: number): string {
  return new Date(at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

function line(event: ChatEvent): string | null {
  switch (event.kind) {
    case 'queued':
      return `Chat started in ${event.groupName}.`;
    case 'message':
      return `${event.from.name}: ${event.text}`;
    case 'coaching':
      return `[coaching] ${event.from.name}: ${event.text}`;
    case 'taken':
      return `${event.agent.name} joined the chat.`;
    case 'joined':
      return `${event.person.name} joined the chat.`;
    case 'transferred':
      return event.to.kind === 'group' ? `Transferred to ${event.to.groupName}.` : `Transferred to ${event.to.agent.name}.`;
    case 'file':
      return `${event.from.name} sent a file: ${event.file.filename}`;
    case 'ended':
      return `${event.by.name} ended the chat.`;
    case 'survey':
      return `[survey] Rated ${event.rating}/5${event.comment ? `: ${event.comment}` : ''}`;
    case 'follow-up':
      return event.dueAt === null ? '[follow-up] cleared' : `[follow-up] due ${clock(event.dueAt)}`;
    case 'comment':
      return `[${event.commentKind} comment] ${event.by.name}: ${event.text}`;
    case 'comment-edited':
      return `[comment edited] ${event.by.name}: ${event.text}`;
    case 'comment-deleted':
      return `[comment deleted] by ${event.by.name}`;
    case 'time-logged':
      return `[time] ${event.timeLog.by.name} logged ${event.timeLog.minutes} min${event.timeLog.billable ? ' (billable)' : ''}${event.timeLog.note ? `: ${event.timeLog.note}` : ''}`;
    case 'time-log-deleted':
      return `[time] ${event.by.name} removed a time log`;
    case 'related':
      return `[related] ${event.by.name} ${event.change === 'added' ? 'related' : 'unrelated'} ${event.item.label}`;
    case 'fields-edited':
      return `[fields] ${event.by.name} changed ${event.changes.map((c) => c.key).join(', ')}`;
    case 'manual-event':
      return `[manual event] ${event.by.name} ran ${event.name}: ${event.outcomes.map((o) => `${o.ok ? 'done' : 'FAILED'} ${o.action} (${o.detail})`).join('; ')}`;
    case 'webhook-delivered':
      return `[webhook] ${event.name}: delivered to ${event.url} (HTTP ${event.status}, attempt ${event.attempts})`;
    case 'webhook-failed':
      return `[webhook] ${event.name}: FAILED to reach ${event.url} after ${event.attempts} attempts: ${event.reason}`;
  }
}

/**
 * The header (with the custom fields the snapshot carries: a staff snapshot has them, a
 * customer's has none) and one line per event. `labels` names fields by their definitions.
 */
export function transcriptText(chat: ChatSnapshot, events: readonly ChatEvent[], labels: Readonly<Record<string, string>> = {}): string {
  const head = [
    `Chat with ${chat.visitor.name}`,
    `Group: ${chat.groupName}`,
    `Started: ${clock(chat.startedAt)}`,
    ...(chat.agent ? [`Agent: ${chat.agent.name}`] : []),
    ...(chat.endedAt ? [`Ended: ${clock(chat.endedAt)}`] : []),
    ...Object.entries(chat.fields).map(([key, value]) => `${labels[key] ?? key}: ${value}`),
  ];
  const body = events.flatMap((e) => {
    const text = line(e);
    return text === null ? [] : [`[${clock(e.at)}] ${text}`];
  });
  return [...head, '', ...body, ''].join('\n');
}
