// A chat's time logs as they stand, folded from its log (`time-logged`, `time-log-deleted`, staff
// only), their total, and who may remove one (whoever logged it, a manager or an administrator).
// A shared rule: the chat object projects the fold to D1, the console shows it in the Time Logs
// tab and the print view. Pure.
import type { ChatEvent, Person, TimeLog } from '../protocol.ts';

export function currentTimeLogs(events: Iterable<ChatEvent>): TimeLog[] {
  const byId = new Map<string, TimeLog>();
  for (const event of events) {
    if (event.kind === 'time-logged') byId.set(event.timeLog.id, event.timeLog);
    else if (event.kind === 'time-log-deleted') byId.delete(event.timeLogId);
  }
  return [...byId.values()];
}

export function totalMinutes(logs: readonly TimeLog[]): { all: number; billable: number } {
  return logs.reduce((t, l) => ({ all: t.all + l.minutes, billable: t.billable + (l.billable ? l.minutes : 0) }), { all: 0, billable: 0 });
}

/** 95 → "1 h 35 min". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export function mayRemoveTimeLog(log: Pick<TimeLog, 'by'>, by: { person: Person; supervisor: boolean }): boolean {
  return by.person.role === 'agent' && (log.by.id === by.person.id || by.supervisor);
}
