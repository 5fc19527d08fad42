// Times as the console shows them: when a chat started, how long it queued. A one-second clock
// signal keeps live durations (a chat still waiting) moving without re-fetching anything.
import { signal } from '@preact/signals';
import type { ChatListRow } from '../../objects/protocol.ts';

/** Live durations refresh this often. */
export const CLOCK_TICK_MS = 1_000;

export const now = signal(Date.now());

/** Starts the clock; returns the function that stops it. */
export function startClock(): () => void {
  const timer = setInterval(() => {
    now.value = Date.now();
  }, CLOCK_TICK_MS);
  return () => clearInterval(timer);
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** "2:05 PM" today, "Mar 3, 2:05 PM" on other days. */
export function formatStarted(at: number, today: number): string {
  const sameDay = new Date(at).toDateString() === new Date(today).toDateString();
  return (sameDay ? timeOfDay : dayAndTime).format(at);
}

export function formatTime(at: number): string {
  return timeOfDay.format(at);
}

/** "45s", "3m 05s", "1h 02m". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** How long the chat waited before an agent took it; still counting while it waits. */
export function queueTime(row: Pick<ChatListRow, 'startedAt' | 'takenAt' | 'endedAt'>, current: number): number {
  return (row.takenAt ?? row.endedAt ?? current) - row.startedAt;
}
