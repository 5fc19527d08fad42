// The History tab's words for every event of a chat, staff-only ones included: what kind of
// event it was and one line saying what happened. Pure, so the tab and the print view say the
// same thing, and a new kind of event that nobody describes fails to compile.
import type { ChatEvent, Person } from '../../../../objects/protocol.ts';
import { ACTION_TITLES } from '../../../../objects/rules/manual-events.ts';
import { COMMENT_LABELS } from '../../../../objects/rules/comments.ts';
import { formatStarted } from '../../ui/time.ts';
import { formatMinutes } from '../../../../objects/rules/time-logs.ts';

export interface HistoryLine {
  seq: number;
  at: number;
  label: string;
  text: string;
  /** Only staff ever see this event (coaching, follow-ups, surveys). */
  staffOnly: boolean;
  /** What each step did, for an event made of steps (a manual event's actions); empty otherwise. */
  steps: readonly HistoryStep[];
}

export interface HistoryStep {
  ok: boolean;
  text: string;
}


const who = (p: Person) => (p.role === 'visitor' ? `${p.name} (customer)` : p.name);

export function describeEvent(event: ChatEvent): HistoryLine {
  const line = (label: string, text: string, steps: readonly HistoryStep[] = []): HistoryLine => ({
    seq: event.seq,
    at: event.at,
    label,
    text,
    staffOnly: event.audience === 'staff',
    steps,
  });
  switch (event.kind) {
    case 'queued':
      return line('Started', `${who(event.visitor)} started a chat in ${event.groupName}`);
    case 'message':
      return line('Message', `${who(event.from)}: ${event.text}`);
    case 'coaching':
      return line('Coaching', `${event.from.name}: ${event.text}`);
    case 'taken':
      return line(
        'Taken',
        event.fromAgent ? `${event.agent.name} took the chat over from ${event.fromAgent.name}` : `${event.agent.name} took the chat`,
      );
    case 'ended':
      return line('Ended', `${who(event.by)} ended the chat`);
    case 'transferred': {
      const to = event.to.kind === 'group' ? `the ${event.to.groupName} queue` : event.to.agent.name;
      const from = event.fromAgent ? `${event.fromAgent.name} in ${event.fromGroupName}` : event.fromGroupName;
      return line('Transferred', `${event.by.name} transferred the chat from ${from} to ${to}`);
    }
    case 'joined':
      return line('Joined', `${event.person.name} joined the conversation`);
    case 'file':
      return line('File', `${who(event.from)} sent ${event.file.filename}`);
    case 'survey':
      return line('Survey', `Rated ${event.rating} of 5${event.comment ? `: ${event.comment}` : ''}`);
    case 'follow-up':
      return line(
        'Follow-up',
        event.dueAt === null
          ? `${event.by.name} cleared the follow-up`
          : `${event.by.name} scheduled a follow-up for ${formatStarted(event.dueAt, event.at)}`,
      );
    case 'comment': {
      const target = event.forTarget ? ` for ${event.forTarget.kind === 'group' ? event.forTarget.groupName : event.forTarget.agent.name}` : '';
      const due = event.dueAt === null ? '' : ` (due ${formatStarted(event.dueAt, event.at)})`;
      return line('Comment', `${event.by.name} added a ${COMMENT_LABELS[event.commentKind]} comment${target}${due}: ${event.text}`);
    }
    case 'comment-edited':
      return line('Comment edited', `${event.by.name} edited a comment: ${event.text}`);
    case 'comment-deleted':
      return line('Comment deleted', `${event.by.name} deleted a comment`);
    case 'time-logged': {
      const log = event.timeLog;
      return line('Time log', `${log.by.name} logged ${formatMinutes(log.minutes)}${log.billable ? ' (billable)' : ''}${log.note ? `: ${log.note}` : ''}`);
    }
    case 'time-log-deleted':
      return line('Time log removed', `${event.by.name} removed a time log`);
    case 'fields-edited':
      return line(
        'Custom fields',
        `${event.by.name} changed ${event.changes.map((c) => `${c.key} from “${c.from || '(empty)'}” to “${c.to || '(empty)'}”`).join(', ')}`,
      );
    case 'related':
      return line(
        event.change === 'added' ? 'Related item' : 'Related item removed',
        `${event.by.name} ${event.change === 'added' ? 'related' : 'unrelated'} ${event.item.label}`,
      );
    case 'manual-event': {
      const failed = event.outcomes.filter((o) => !o.ok).length;
      const summary = failed === 0 ? 'every action done' : `${failed} of ${event.outcomes.length} actions failed`;
      return line(
        'Manual event',
        `${event.by.name} ran ${event.name}: ${summary}`,
        event.outcomes.map((o) => ({ ok: o.ok, text: `${ACTION_TITLES[o.action]}: ${o.ok ? 'done' : 'failed'}. ${o.detail}` })),
      );
    }
    case 'webhook-delivered':
      return line('Webhook delivered', `${event.name}: ${event.url} answered ${event.status} (attempt ${event.attempts})`);
    case 'webhook-failed':
      return line('Webhook failed', `${event.name}: ${event.url} was not reached after ${event.attempts} attempts: ${event.reason}`);
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
