// Times as the console shows them: when a chat started, how long it queued and how long it has
// been idle. A one-second clock signal keeps running durations moving without re-fetching; the
// colour of an idle chat still comes from the server (its idleLevel), never from this clock.
import { signal } from '@preact/signals';
import type { ChatListRow } from '../../../objects/protocol.ts';

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

/** "45s", "3m 05s", "1h 02m", "2d 04h". Negative spans (clock skew) show as 0s. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${String(hours % 24).padStart(2, '0')}h`;
}

/** How long the chat waited before an agent took it; still counting while it waits. */
export function queueTime(row: Pick<ChatListRow, 'startedAt' | 'takenAt' | 'endedAt'>, current: number): number {
  return (row.takenAt ?? row.endedAt ?? current) - row.startedAt;
}

/** How long no one on staff has written: still counting while the chat is open, frozen at its end. */
export function idleTime(row: Pick<ChatListRow, 'status' | 'idleSince' | 'endedAt'>, current: number): number {
  const stop = row.status === 'ended' ? (row.endedAt ?? current) : current;
  return stop - row.idleSince;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as a `datetime-local` input's value, in the browser's time zone ("2025-03-04T14:05"). */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value back to milliseconds; null when it is empty or not a date. */
export function fromLocalInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  // Date rolls 31 February over into March: such a value is not a date.
  if (date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== h) return null;
  return date.getTime();
}
